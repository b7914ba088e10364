import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { listDepartments } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.listDepartments, async () => ({
  status: 200,
  body: { items: await listDepartments(organizationDeps()) },
}));
