import { apiHandler } from '../../shared/http/api-handler';
import { webhookOperations } from '../../wiring/operations/webhooks';
import { redeliverWebhook } from '../../shared/services/webhooks/subscriptions';
import { webhookCaller } from './webhook-caller';
import { webhookDeps } from './webhook-deps';

export const handler = apiHandler(
  webhookOperations.redeliverWebhook,
  async ({ path, body, principal }) => ({
    status: 202,
    body: await redeliverWebhook(
      webhookDeps(),
      webhookCaller(principal),
      path.webhookId,
      body.eventId,
    ),
  }),
);
