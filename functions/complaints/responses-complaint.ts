import { idempotentApiHandler } from '../../shared/http/idempotent-api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { respond } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = idempotentApiHandler(
  complaintOperations.respondToComplaint,
  async ({ path, body, principal }) => ({
    status: 201,
    body: await respond(complaintDeps(), actorOf(principal), path.complaintId, body.message),
  }),
);
