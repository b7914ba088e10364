import { apiHandler } from '../../shared/http/api-handler';
import { customerOperations } from '../../wiring/operations/customers';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import {
  findCustomerByContact,
  listCustomers,
} from '../../shared/services/customers/customer-service';
import { customerDeps } from './customer-deps';

const LIST = 'customers';

export const handler = apiHandler(customerOperations.listCustomers, async ({ query }) => {
  const lookup = query.email
    ? ({ kind: 'email', value: query.email } as const)
    : query.phone
      ? ({ kind: 'phone', value: query.phone } as const)
      : undefined;
  if (lookup) {
    const customer = await findCustomerByContact(customerDeps(), lookup.kind, lookup.value);
    return { status: 200, body: { items: customer ? [customer] : [] } };
  }
  const page = await listCustomers(customerDeps(), {
    limit: query.limit,
    after: await decodeCursor(LIST, query.cursor),
  });
  const nextCursor = await encodeCursor(LIST, page.next);
  return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
});
