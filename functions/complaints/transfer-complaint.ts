import { apiHandler } from '../../shared/http/api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { transfer } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(
  complaintOperations.transferComplaint,
  async ({ path, body, principal }) => ({
    status: 200,
    body: await transfer(
      complaintDeps(),
      actorOf(principal),
      path.complaintId,
      body.department,
      body.reason,
    ),
  }),
);
