import { apiHandler } from '../../shared/http/api-handler';
import { customerOperations } from '../../wiring/operations/customers';
import { etagOf } from '../../shared/http/etag';
import { getCustomer } from '../../shared/services/customers/customer-service';
import { customerDeps } from './customer-deps';

export const handler = apiHandler(customerOperations.getCustomer, async ({ path }) => {
  const customer = await getCustomer(customerDeps(), path.customerId);
  return { status: 200, body: customer, headers: { ETag: etagOf(customer.version) } };
});
