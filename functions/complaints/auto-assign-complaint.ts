import { busEventConsumer } from '../../shared/messaging/event-consumer';
import { assignRoutedComplaint } from '../../shared/services/complaints/assignment-service';
import { complaintDeps } from './complaint-deps';

/** department-<id> queues: ComplaintRouted → give the complaint an owner. */
export const handler = busEventConsumer('auto-assign-complaint', async (event) => {
  if (event.type !== 'ComplaintRouted') return 'ignored';
  return assignRoutedComplaint(complaintDeps(), event.data.complaintId);
});
