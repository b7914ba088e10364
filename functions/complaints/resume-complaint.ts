import { apiHandler } from '../../shared/http/api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { resume } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(
  complaintOperations.resumeComplaint,
  async ({ path, body, principal }) => ({
    status: 200,
    body: await resume(complaintDeps(), actorOf(principal), path.complaintId, body.note),
  }),
);
