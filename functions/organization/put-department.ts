import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { putDepartment } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.putDepartment, async ({ path, body }) => {
  const { department, created } = await putDepartment(organizationDeps(), path.departmentId, body);
  return { status: created ? 201 : 200, body: department };
});
