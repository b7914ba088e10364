import { busEventConsumer } from '../../shared/messaging/event-consumer';
import { assignRoutedComplaint } from '../../shared/services/complaints/assignment-service';
import { complaintDeps } from './complaint-deps';

/**
 * department-<id> queues: ComplaintRouted or ComplaintTransferred → give the complaint an owner,
 * if it is still where (and as often moved as) the event says.
 */
export const handler = busEventConsumer('auto-assign-complaint', async (event) => {
  if (event.type === 'ComplaintRouted') {
    return assignRoutedComplaint(complaintDeps(), event.data.complaintId, {
      department: event.data.department,
      transfers: 0,
    });
  }
  if (event.type === 'ComplaintTransferred') {
    return assignRoutedComplaint(complaintDeps(), event.data.complaintId, {
      department: event.data.department,
      transfers: event.data.transfers,
    });
  }
  return 'ignored';
});
