import { busEventConsumer } from '../../shared/messaging/event-consumer';
import { planAfterComplaint, planAfterService } from '../../shared/services/revisits/planning';
import { revisitDeps } from './revisit-deps';

/** revisit-planning queue: ServiceDelivered and ComplaintClosed plan their revisits, once. */
export const handler = busEventConsumer('plan-revisits', async (event) => {
  switch (event.type) {
    case 'ServiceDelivered':
      return `planned ${await planAfterService(revisitDeps(), event.data)}`;
    case 'ComplaintClosed':
      return `planned ${await planAfterComplaint(revisitDeps(), event.data, event.occurredAt)}`;
    default:
      return 'ignored';
  }
});
