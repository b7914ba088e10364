import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { etagOf } from '../../shared/http/etag';
import { registerCustomer } from '../../shared/services/customers/customer-service';
import { customerDeps } from './customer-deps';

export const handler = apiHandler(operations.createCustomer, async ({ body }) => {
  const customer = await registerCustomer(customerDeps(), body);
  return {
    status: 201,
    body: customer,
    headers: { Location: `/customers/${customer.id}`, ETag: etagOf(customer.version) },
  };
});
