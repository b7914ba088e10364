import { apiHandler } from '../../shared/http/api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { resolve } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(
  complaintOperations.resolveComplaint,
  async ({ path, body, principal }) => ({
    status: 200,
    body: await resolve(complaintDeps(), actorOf(principal), path.complaintId, body),
  }),
);
