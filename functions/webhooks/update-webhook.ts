import { apiHandler } from '../../shared/http/api-handler';
import { webhookOperations } from '../../wiring/operations/webhooks';
import { etagOf, versionFromIfMatch } from '../../shared/http/etag';
import { updateWebhook } from '../../shared/services/webhooks/subscriptions';
import { webhookCaller } from './webhook-caller';
import { webhookDeps } from './webhook-deps';

export const handler = apiHandler(
  webhookOperations.updateWebhook,
  async ({ path, body, headers, principal }) => {
    const expectedVersion = versionFromIfMatch(headers['if-match']);
    const webhook = await updateWebhook(
      webhookDeps(),
      webhookCaller(principal),
      path.webhookId,
      expectedVersion,
      body,
    );
    return { status: 200, body: webhook, headers: { ETag: etagOf(webhook.version) } };
  },
);
