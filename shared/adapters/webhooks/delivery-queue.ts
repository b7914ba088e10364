import { WEBHOOK_DELIVERIES_QUEUE } from '../../../wiring/names';
import type { DeliveryQueue, QueuedDelivery } from '../../services/webhooks/ports';
import { sendGroupedMessages } from '../sqs-queues';

const message = (item: QueuedDelivery) => ({
  body: JSON.stringify(item.work),
  groupId: item.groupId,
  deduplicationId: item.deduplicationId,
});

/** The FIFO delivery queue and its DLQ. */
export const sqsDeliveryQueue: DeliveryQueue = {
  enqueue: (items) => sendGroupedMessages(WEBHOOK_DELIVERIES_QUEUE, items.map(message)),
  deadLetter: (item) =>
    sendGroupedMessages(WEBHOOK_DELIVERIES_QUEUE, [message(item)], { toDeadLetterQueue: true }),
};
