import { type DeliveryWork, judgeWork, recordAttempt } from '../../domain/webhooks/delivery';
import { cancelDelivery } from '../../domain/webhooks/transitions';
import {
  buildWebhookPayload,
  customerIdOf,
  serializeWebhookPayload,
} from '../../domain/webhooks/payload';
import { unixSeconds } from '../../domain/webhooks/signature';
import {
  statusAfterDelivery,
  validSecrets,
  type WebhookStatus,
} from '../../domain/webhooks/subscription';
import { queuedDelivery } from './delivery-messages';
import type { StoredSubscription, WebhookDeliveryDeps } from './ports';

export type DeliveryResult =
  | { outcome: 'dropped'; reason: string }
  | { outcome: 'delivered' }
  | { outcome: 'retry'; delaySeconds: number }
  | { outcome: 'dead-lettered' };

const openSecrets = async (
  deps: Pick<WebhookDeliveryDeps, 'vault'>,
  subscription: StoredSubscription,
  now: Date,
): Promise<string[]> => {
  const valid = validSecrets(subscription.secrets, now);
  if (valid.length === 0) throw new Error(`webhook ${subscription.id} has no valid secret`);
  return Promise.all(
    valid.map((secret) => deps.vault.open(subscription.id, secret.id, secret.sealed)),
  );
};

/**
 * One attempt at one delivery: signed with every secret valid now, recorded with its status and
 * timing, then done, retried later (the caller keeps the message out of sight for the delay) or
 * given up: moved to the DLQ and the subscription flagged `failing`.
 */
export const attemptDelivery = async (
  deps: WebhookDeliveryDeps,
  work: DeliveryWork,
): Promise<DeliveryResult> => {
  const subscription = await deps.webhooks.get(work.subscriptionId);
  if (!subscription) return { outcome: 'dropped', reason: 'subscription-deleted' };
  const stored = await deps.webhooks.getDelivery(work.subscriptionId, work.eventId);
  if (!stored) return { outcome: 'dropped', reason: 'unknown-delivery' };
  const now = deps.clock.now();
  const verdict = judgeWork(work, stored, now);
  if (verdict.act === 'drop') return { outcome: 'dropped', reason: verdict.reason };
  if (subscription.status === 'disabled') {
    await deps.webhooks.saveDelivery(cancelDelivery(stored, now), stored.version);
    return { outcome: 'dropped', reason: 'subscription-disabled' };
  }

  const { delivery } = verdict;
  const customerId = customerIdOf(delivery.event);
  const contact =
    subscription.includeContactFields && customerId !== undefined
      ? await deps.contacts.contactOf(customerId)
      : undefined;
  if (contact !== undefined) {
    // On record before the data leaves.
    await deps.disclosures.record({
      customerId: contact.id,
      subscription,
      eventId: delivery.eventId,
      at: now.toISOString(),
    });
  }
  const body = serializeWebhookPayload(buildWebhookPayload(delivery.event, subscription, contact));
  const headers = deps.signHeaders({
    id: delivery.eventId,
    timestamp: unixSeconds(deps.wallClock.now()),
    body,
    secrets: await openSecrets(deps, subscription, now),
  });
  const result = await deps.sender.send({ url: subscription.url, body, headers });

  const decision = recordAttempt(delivery, result, deps.clock.now(), deps.random);
  await deps.webhooks.saveDelivery(decision.delivery, stored.version);
  const flag = async (ending: 'delivered' | 'gave-up') => {
    const status: WebhookStatus = statusAfterDelivery(subscription.status, ending);
    if (status !== subscription.status && status !== 'disabled') {
      await deps.webhooks.markStatus(subscription.id, status, decision.delivery.updatedAt);
    }
  };
  switch (decision.next) {
    case 'done':
      await flag('delivered');
      return { outcome: 'delivered' };
    case 'retry':
      return { outcome: 'retry', delaySeconds: decision.delaySeconds };
    case 'give-up':
      await deps.queue.deadLetter(queuedDelivery(decision.delivery, { deadLettered: true }));
      await flag('gave-up');
      return { outcome: 'dead-lettered' };
  }
};
