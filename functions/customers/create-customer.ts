import { idempotentApiHandler } from '../../shared/http/idempotent-api-handler';
import { customerOperations } from '../../wiring/operations/customers';
import { etagOf } from '../../shared/http/etag';
import { registerCustomer } from '../../shared/services/customers/customer-service';
import { customerDeps } from './customer-deps';

export const handler = idempotentApiHandler(customerOperations.createCustomer, async ({ body }) => {
  const customer = await registerCustomer(customerDeps(), body);
  return {
    status: 201,
    body: customer,
    headers: { Location: `/customers/${customer.id}`, ETag: etagOf(customer.version) },
  };
});
