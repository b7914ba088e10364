import type { DeliveryWork, WebhookDelivery } from '../../domain/webhooks/delivery';
import type { QueuedDelivery } from './ports';

/**
 * The queue message of a delivery's current series: grouped by its ordering key, deduplicated per
 * series (a repeat within SQS's five-minute window is dropped by the queue, a later one by the
 * consumer).
 */
export const queuedDelivery = (
  delivery: WebhookDelivery,
  options: { deadLettered?: boolean } = {},
): QueuedDelivery => {
  const work: DeliveryWork = {
    subscriptionId: delivery.subscriptionId,
    eventId: delivery.eventId,
    series: delivery.series,
    ...(options.deadLettered ? { deadLettered: true } : {}),
  };
  return {
    work,
    groupId: delivery.orderingKey,
    deduplicationId: [
      delivery.subscriptionId,
      delivery.eventId,
      delivery.series,
      ...(options.deadLettered ? ['dead'] : []),
    ].join(':'),
  };
};
