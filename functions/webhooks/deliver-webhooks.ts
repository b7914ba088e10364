import { WEBHOOK_DELIVERIES_QUEUE } from '../../wiring/names';
import { systemClock } from '../../shared/adapters/clock';
import { DynamoWebhookRepository } from '../../shared/adapters/dynamodb/webhook-repository';
import { sqsDeliveryQueue } from '../../shared/adapters/webhooks/delivery-queue';
import { accessLogDisclosures, archiveContacts } from '../../shared/adapters/webhooks/disclosures';
import { sendWebhook } from '../../shared/adapters/webhooks/http-sender';
import { masterKeySecretVault } from '../../shared/adapters/webhooks/secret-vault';
import { signWebhook } from '../../shared/adapters/webhooks/signature';
import { fifoWorkConsumer, sqsFifoQueue } from '../../shared/messaging/fifo-work-consumer';
import { deliveryWorkSchema } from '../../shared/messaging/webhook-work';
import { parseWork } from '../../shared/messaging/work-consumer';
import { attemptDelivery } from '../../shared/services/webhooks/delivery';
import type { WebhookDeliveryDeps } from '../../shared/services/webhooks/ports';

let deps: WebhookDeliveryDeps | undefined;
const deliveryDeps = (): WebhookDeliveryDeps =>
  (deps ??= {
    webhooks: new DynamoWebhookRepository(),
    vault: masterKeySecretVault,
    queue: sqsDeliveryQueue,
    sender: { send: (request) => sendWebhook(request) },
    signHeaders: signWebhook,
    contacts: archiveContacts(),
    disclosures: accessLogDisclosures(),
    clock: systemClock,
    wallClock: { now: () => new Date() },
    random: Math.random,
  });

/**
 * The FIFO delivery queue's consumer: one attempt per message. A retry postpones the message and
 * reports it failed, which leaves it (and the later messages of its group) in the queue; a
 * malformed message goes to the DLQ at once, as nothing can ever deliver it.
 */
export const handler = fifoWorkConsumer({
  name: 'webhook delivery',
  queue: () => sqsFifoQueue(WEBHOOK_DELIVERIES_QUEUE),
  read: (body) => parseWork(deliveryWorkSchema, body),
  describe: (work) => ({ webhookId: work.subscriptionId, eventId: work.eventId }),
  handle: async (work) => {
    const result = await attemptDelivery(deliveryDeps(), work);
    return {
      log: result,
      retryAfterSeconds: result.outcome === 'retry' ? result.delaySeconds : undefined,
    };
  },
});
