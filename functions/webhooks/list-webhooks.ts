import { apiHandler } from '../../shared/http/api-handler';
import { webhookOperations } from '../../wiring/operations/webhooks';
import { listWebhooks } from '../../shared/services/webhooks/subscriptions';
import { webhookCaller } from './webhook-caller';
import { webhookDeps } from './webhook-deps';

export const handler = apiHandler(webhookOperations.listWebhooks, async ({ principal }) => ({
  status: 200,
  body: { items: await listWebhooks(webhookDeps(), webhookCaller(principal)) },
}));
