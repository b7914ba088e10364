import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { awaitCustomer } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(operations.awaitCustomer, async ({ path, body, principal }) => ({
  status: 200,
  body: await awaitCustomer(complaintDeps(), actorOf(principal), path.complaintId, body.note),
}));
