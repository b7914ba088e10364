import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.listStaff, async ({ query }) => ({
  status: 200,
  body: { items: await organizationDeps().organization.listStaff(query.department) },
}));
