import { busEventConsumer } from '../../shared/messaging/event-consumer';
import { routeReceivedComplaint } from '../../shared/services/complaints/routing-service';
import { complaintDeps } from './complaint-deps';

/** complaint-intake queue: ComplaintFiled → classify, pick department and priority. */
export const handler = busEventConsumer('route-complaint', async (event) => {
  if (event.type !== 'ComplaintFiled') return 'ignored';
  return routeReceivedComplaint(complaintDeps(), event.data.complaintId);
});
