import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { WEBHOOK_DELIVERIES_QUEUE } from '../../wiring/names';
import { systemClock } from '../../shared/adapters/clock';
import { DynamoWebhookRepository } from '../../shared/adapters/dynamodb/webhook-repository';
import { logger, withLogContext } from '../../shared/adapters/logger';
import { postponeMessage, sendGroupedMessages } from '../../shared/adapters/sqs-queues';
import { sqsDeliveryQueue } from '../../shared/adapters/webhooks/delivery-queue';
import { accessLogDisclosures, archiveContacts } from '../../shared/adapters/webhooks/disclosures';
import { sendWebhook } from '../../shared/adapters/webhooks/http-sender';
import { masterKeySecretVault } from '../../shared/adapters/webhooks/secret-vault';
import { signWebhook } from '../../shared/adapters/webhooks/signature';
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

/** Thrown to leave a message in its queue: it comes back when its postponement is over. */
class RetryLater extends Error {
  override name = 'RetryLater';
}

const processor = new SqsFifoPartialProcessorAsync();

const deliver = async (record: SQSRecord): Promise<void> => {
  const work = parseWork(deliveryWorkSchema, record.body);
  const ids = {
    messageId: record.messageId,
    webhookId: work.subscriptionId,
    eventId: work.eventId,
  };
  const result = await attemptDelivery(deliveryDeps(), work);
  logger.info('webhook delivery', { ...ids, ...result });
  if (result.outcome === 'retry') {
    // The message stays at the head of its group, out of sight until the next attempt is due.
    await postponeMessage(WEBHOOK_DELIVERIES_QUEUE, record.receiptHandle, result.delaySeconds);
    throw new RetryLater(`next attempt in ${result.delaySeconds} s`);
  }
};

/**
 * The FIFO delivery queue's consumer: one attempt per message. A retry postpones the message and
 * reports it failed, which leaves it (and the later messages of its group) in the queue; a
 * malformed message goes to the DLQ at once, as nothing can ever deliver it.
 */
export const handler = withLogContext((event: SQSEvent, context: Context) =>
  processPartialResponse(
    event,
    async (record: SQSRecord) => {
      try {
        await deliver(record);
      } catch (error) {
        if (error instanceof RetryLater) throw error;
        if (error instanceof Error && error.name === 'MalformedMessage') {
          // Straight to the DLQ (kept for inspection) rather than blocking its group for 30 receives.
          await sendGroupedMessages(
            WEBHOOK_DELIVERIES_QUEUE,
            [
              {
                // Encoded: the body may hold characters SQS refuses to send again.
                body: JSON.stringify({
                  malformedBase64: Buffer.from(record.body, 'utf8').toString('base64'),
                  messageId: record.messageId,
                }),
                groupId: record.attributes.MessageGroupId ?? 'malformed',
                deduplicationId: record.messageId,
              },
            ],
            { toDeadLetterQueue: true },
          );
          logger.error('webhook delivery dead-lettered: malformed message', {
            messageId: record.messageId,
          });
          return;
        }
        logger.error('webhook delivery failed', {
          messageId: record.messageId,
          receiveCount: record.attributes.ApproximateReceiveCount,
          reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
        throw error;
      }
    },
    processor,
    { context, throwOnFullBatchFailure: false, skipGroupOnError: true },
  ),
);
