import { apiHandler } from '../../shared/http/api-handler';
import { customerOperations } from '../../wiring/operations/customers';
import { etagOf, versionFromIfMatch } from '../../shared/http/etag';
import { correctCustomer } from '../../shared/services/customers/customer-service';
import { customerDeps } from './customer-deps';

export const handler = apiHandler(
  customerOperations.updateCustomer,
  async ({ path, body, headers }) => {
    const expectedVersion = versionFromIfMatch(headers['if-match']);
    const customer = await correctCustomer(customerDeps(), path.customerId, expectedVersion, body);
    return { status: 200, body: customer, headers: { ETag: etagOf(customer.version) } };
  },
);
