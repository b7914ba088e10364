import { apiHandler } from '../../shared/http/api-handler';
import { customerOperations } from '../../wiring/operations/customers';
import { exportCustomer } from '../../shared/services/customers/export';
import { privacyDeps } from './privacy-deps';

export const handler = apiHandler(customerOperations.exportCustomer, async ({ path }) => ({
  status: 200,
  body: await exportCustomer(privacyDeps(), path.customerId),
  headers: {
    'Content-Disposition': `attachment; filename="customer-${path.customerId}.json"`,
    'Cache-Control': 'no-store',
  },
}));
