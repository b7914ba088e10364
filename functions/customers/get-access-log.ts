import { DynamoAccessLog } from '../../shared/adapters/dynamodb/access-log';
import { apiHandler } from '../../shared/http/api-handler';
import { customerOperations } from '../../wiring/operations/customers';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';

const accessLog = new DynamoAccessLog();

export const handler = apiHandler(customerOperations.getAccessLog, async ({ path, query }) => {
  const list = `access-log:${path.customerId}`;
  const page = await accessLog.list(path.customerId, {
    limit: query.limit,
    after: await decodeCursor(list, query.cursor),
  });
  const nextCursor = await encodeCursor(list, page.next);
  return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
});
