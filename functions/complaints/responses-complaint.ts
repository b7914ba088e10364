import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { respond } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(
  operations.respondToComplaint,
  async ({ path, body, principal }) => ({
    status: 201,
    body: await respond(complaintDeps(), actorOf(principal), path.complaintId, body.message),
  }),
);
