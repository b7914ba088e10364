import { apiHandler } from '../../shared/http/api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { reopen } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(
  complaintOperations.reopenComplaint,
  async ({ path, body, principal }) => ({
    status: 200,
    body: await reopen(complaintDeps(), actorOf(principal), path.complaintId, body.reason),
  }),
);
