import { systemClock } from '../../shared/adapters/clock';
import { DynamoWebhookRepository } from '../../shared/adapters/dynamodb/webhook-repository';
import { sqsDeliveryQueue } from '../../shared/adapters/webhooks/delivery-queue';
import { busEventConsumer } from '../../shared/messaging/event-consumer';
import { fanOutEvent } from '../../shared/services/webhooks/fan-out';

const deps = {
  webhooks: new DynamoWebhookRepository(),
  queue: sqsDeliveryQueue,
  clock: systemClock,
};

/** Every catalogued event → one queued delivery per matching webhook subscription. */
export const handler = busEventConsumer('webhook fan-out', (event) =>
  fanOutEvent(deps, {
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    data: event.data as Record<string, unknown>,
  }),
);
