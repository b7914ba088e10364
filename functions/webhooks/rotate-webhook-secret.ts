import { apiHandler } from '../../shared/http/api-handler';
import { webhookOperations } from '../../wiring/operations/webhooks';
import { etagOf } from '../../shared/http/etag';
import { rotateWebhookSecret } from '../../shared/services/webhooks/subscriptions';
import { webhookCaller } from './webhook-caller';
import { webhookDeps } from './webhook-deps';

export const handler = apiHandler(
  webhookOperations.rotateWebhookSecret,
  async ({ path, principal }) => {
    const rotated = await rotateWebhookSecret(
      webhookDeps(),
      webhookCaller(principal),
      path.webhookId,
    );
    return {
      status: 200,
      body: rotated,
      headers: { ETag: etagOf(rotated.webhook.version), 'Cache-Control': 'no-store' },
    };
  },
);
