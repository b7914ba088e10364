import { newDelivery } from '../../domain/webhooks/delivery';
import { orderingKey } from '../../domain/webhooks/ordering';
import type { WebhookSourceEvent } from '../../domain/webhooks/payload';
import { matches } from '../../domain/webhooks/subscription';
import { queuedDelivery } from './delivery-messages';
import type { QueuedDelivery, WebhookDeliveryDeps } from './ports';

/**
 * Turns one bus event into a delivery per matching subscription and queues each. Idempotent: a
 * repeated event finds its deliveries stored and queues again only those not yet attempted (their
 * first message may have been lost); SQS and the consumer drop the repeats.
 */
export const fanOutEvent = async (
  deps: Pick<WebhookDeliveryDeps, 'webhooks' | 'queue' | 'clock'>,
  event: WebhookSourceEvent,
): Promise<string> => {
  const subscriptions = (await deps.webhooks.list()).filter((subscription) =>
    matches(subscription, { type: event.type, data: event.data }),
  );
  if (subscriptions.length === 0) return 'no-subscriptions';
  const now = deps.clock.now();
  const queued: QueuedDelivery[] = [];
  for (const subscription of subscriptions) {
    const stored = await deps.webhooks.putDeliveryIfAbsent(
      newDelivery({
        subscriptionId: subscription.id,
        event,
        orderingKey: orderingKey(subscription.id, event),
        now,
      }),
    );
    if (stored.series === 1 && stored.status === 'pending' && stored.attempts.length === 0) {
      queued.push(queuedDelivery(stored));
    }
  }
  await deps.queue.enqueue(queued);
  return `queued ${queued.length} of ${subscriptions.length}`;
};
