import { apiHandler } from '../../shared/http/api-handler';
import { customerOperations } from '../../wiring/operations/customers';
import { eraseCustomer } from '../../shared/services/customers/erasure';
import { privacyDeps } from './privacy-deps';

export const handler = apiHandler(
  customerOperations.eraseCustomer,
  async ({ path, query, principal }) => {
    const erasure = await eraseCustomer(
      privacyDeps(),
      path.customerId,
      query.legalBasis,
      principal.subject,
    );
    return { status: 200, body: erasure };
  },
);
