import { apiHandler } from '../../shared/http/api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { assignTo } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(
  complaintOperations.assignComplaint,
  async ({ path, body, principal }) => ({
    status: 200,
    body: await assignTo(
      complaintDeps(),
      actorOf(principal),
      path.complaintId,
      body.ownerId,
      body.note,
    ),
  }),
);
