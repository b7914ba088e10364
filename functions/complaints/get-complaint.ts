import { allowedActions } from '../../shared/domain/complaints/lifecycle';
import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { visibleComplaint } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(operations.getComplaint, async ({ path, principal }) => {
  const deps = complaintDeps();
  const complaint = await visibleComplaint(deps, actorOf(principal), path.complaintId);
  const timeline = await deps.complaints.timeline(complaint.id);
  return {
    status: 200,
    body: { ...complaint, allowedActions: allowedActions(complaint.status), timeline },
  };
});
