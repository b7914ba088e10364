import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.listDepartments, async () => ({
  status: 200,
  body: { items: await organizationDeps().organization.listDepartments() },
}));
