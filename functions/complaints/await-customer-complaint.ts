import { apiHandler } from '../../shared/http/api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { awaitCustomer } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(
  complaintOperations.awaitCustomer,
  async ({ path, body, principal }) => ({
    status: 200,
    body: await awaitCustomer(complaintDeps(), actorOf(principal), path.complaintId, body.note),
  }),
);
