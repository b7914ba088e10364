import { apiHandler } from '../../shared/http/api-handler';
import { webhookOperations } from '../../wiring/operations/webhooks';
import { deleteWebhook } from '../../shared/services/webhooks/subscriptions';
import { webhookCaller } from './webhook-caller';
import { webhookDeps } from './webhook-deps';

export const handler = apiHandler(webhookOperations.deleteWebhook, async ({ path, principal }) => {
  await deleteWebhook(webhookDeps(), webhookCaller(principal), path.webhookId);
  return { status: 204 };
});
