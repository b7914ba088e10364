import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.listStaff, async ({ query }) => ({
  status: 200,
  body: { items: await organizationDeps().organization.listStaff(query.department) },
}));
