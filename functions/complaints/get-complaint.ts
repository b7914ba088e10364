import { allowedActions } from '../../shared/domain/complaints/lifecycle';
import { isTransferable, slaCalendarDepartment } from '../../shared/domain/complaints/transfer';
import { deadlinesView, progressOf } from '../../shared/domain/complaints/sla';
import { businessCalendar } from '../../shared/services/complaints/calendar-source';
import { apiHandler } from '../../shared/http/api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { visibleComplaint } from '../../shared/services/complaints/action-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(complaintOperations.getComplaint, async ({ path, principal }) => {
  const deps = complaintDeps();
  const complaint = await visibleComplaint(deps, actorOf(principal), path.complaintId);
  const timeline = await deps.complaints.timeline(complaint.id);
  const deadlines = complaint.sla
    ? deadlinesView(
        await businessCalendar(deps.organization, slaCalendarDepartment(complaint)),
        complaint.sla,
        progressOf(complaint),
        deps.clock.now(),
      )
    : undefined;
  return {
    status: 200,
    body: {
      ...complaint,
      ...(complaint.sla && deadlines
        ? {
            sla: {
              ...complaint.sla,
              firstResponseDue: deadlines.firstResponse.due,
              resolutionDue: deadlines.resolution.due,
            },
            deadlines,
          }
        : {}),
      allowedActions: [
        ...allowedActions(complaint.status),
        ...(isTransferable(complaint.status) ? ['transfer'] : []),
      ],
      timeline,
    },
  };
});
