import { idempotentApiHandler } from '../../shared/http/idempotent-api-handler';
import { webhookOperations } from '../../wiring/operations/webhooks';
import { etagOf } from '../../shared/http/etag';
import { createWebhook } from '../../shared/services/webhooks/subscriptions';
import { webhookCaller } from './webhook-caller';
import { webhookDeps } from './webhook-deps';

export const handler = idempotentApiHandler(
  webhookOperations.createWebhook,
  async ({ body, principal }) => {
    const created = await createWebhook(webhookDeps(), webhookCaller(principal), body);
    return {
      status: 201,
      body: created,
      headers: {
        Location: `/webhooks/${created.webhook.id}`,
        ETag: etagOf(created.webhook.version),
        // The secret is in this body only: no cache may keep it.
        'Cache-Control': 'no-store',
      },
    };
  },
);
