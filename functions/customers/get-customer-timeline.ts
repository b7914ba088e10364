import { DynamoCustomerTimeline } from '../../shared/adapters/dynamodb/customer-timeline';
import { apiHandler } from '../../shared/http/api-handler';
import { customerOperations } from '../../wiring/operations/customers';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { listTimeline } from '../../shared/services/customers/timeline';
import { customerDeps } from './customer-deps';

let timeline: DynamoCustomerTimeline | undefined;

export const handler = apiHandler(
  customerOperations.getCustomerTimeline,
  async ({ path, query }) => {
    const list = `timeline:${path.customerId}:${query.kind ?? '*'}`;
    const page = await listTimeline(
      { ...customerDeps(), timeline: (timeline ??= new DynamoCustomerTimeline()) },
      path.customerId,
      query.kind,
      { limit: query.limit, after: await decodeCursor(list, query.cursor) },
    );
    const nextCursor = await encodeCursor(list, page.next);
    return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },
);
