import { apiHandler } from '../../shared/http/api-handler';
import { revisitOperations } from '../../wiring/operations/revisits';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { revisitDeps } from './revisit-deps';

export const handler = apiHandler(
  revisitOperations.listCustomerServices,
  async ({ path, query }) => {
    const list = `services:${path.customerId}`;
    const page = await revisitDeps().services.listForCustomer(path.customerId, {
      limit: query.limit,
      after: await decodeCursor(list, query.cursor),
    });
    const nextCursor = await encodeCursor(list, page.next);
    return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },
);
