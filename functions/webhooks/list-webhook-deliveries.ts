import { apiHandler } from '../../shared/http/api-handler';
import { webhookOperations } from '../../wiring/operations/webhooks';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { listDeliveries } from '../../shared/services/webhooks/subscriptions';
import { webhookCaller } from './webhook-caller';
import { webhookDeps } from './webhook-deps';

export const handler = apiHandler(
  webhookOperations.listWebhookDeliveries,
  async ({ path, query, principal }) => {
    const list = `webhook-deliveries:${path.webhookId}`;
    const page = await listDeliveries(webhookDeps(), webhookCaller(principal), path.webhookId, {
      limit: query.limit,
      after: await decodeCursor(list, query.cursor),
    });
    const nextCursor = await encodeCursor(list, page.next);
    return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },
);
