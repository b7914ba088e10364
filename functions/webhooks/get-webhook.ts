import { apiHandler } from '../../shared/http/api-handler';
import { webhookOperations } from '../../wiring/operations/webhooks';
import { etagOf } from '../../shared/http/etag';
import { getWebhook } from '../../shared/services/webhooks/subscriptions';
import { webhookCaller } from './webhook-caller';
import { webhookDeps } from './webhook-deps';

export const handler = apiHandler(webhookOperations.getWebhook, async ({ path, principal }) => {
  const webhook = await getWebhook(webhookDeps(), webhookCaller(principal), path.webhookId);
  return { status: 200, body: webhook, headers: { ETag: etagOf(webhook.version) } };
});
