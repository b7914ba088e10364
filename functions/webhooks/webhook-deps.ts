import { systemClock } from '../../shared/adapters/clock';
import { DynamoWebhookRepository } from '../../shared/adapters/dynamodb/webhook-repository';
import { sqsDeliveryQueue } from '../../shared/adapters/webhooks/delivery-queue';
import { masterKeySecretVault } from '../../shared/adapters/webhooks/secret-vault';
import { webhookTargetPolicy } from '../../shared/adapters/webhooks/target-policy';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { WebhookSubscriptionDeps } from '../../shared/services/webhooks/ports';

let deps: WebhookSubscriptionDeps | undefined;

/** Composition root of the webhook subscription API. */
export const webhookDeps = (): WebhookSubscriptionDeps => {
  deps ??= {
    webhooks: new DynamoWebhookRepository(),
    vault: masterKeySecretVault,
    targets: webhookTargetPolicy,
    queue: sqsDeliveryQueue,
    clock: systemClock,
    ids: ulidIds,
  };
  return deps;
};
