import { apiHandler } from '../../shared/http/api-handler';
import { customerOperations } from '../../wiring/operations/customers';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { listInteractions } from '../../shared/services/customers/interaction-service';
import { customerDeps } from './customer-deps';

export const handler = apiHandler(customerOperations.listInteractions, async ({ path, query }) => {
  const list = `interactions:${path.customerId}`;
  const page = await listInteractions(customerDeps(), path.customerId, {
    limit: query.limit,
    after: await decodeCursor(list, query.cursor),
  });
  const nextCursor = await encodeCursor(list, page.next);
  return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
});
