import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../shared/http/contracts/organization-operations';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.listStaff, async ({ query }) => ({
  status: 200,
  body: { items: await organizationDeps().organization.listStaff(query.department) },
}));
