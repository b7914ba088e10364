import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { putDepartment } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.putDepartment, async ({ path, body }) => {
  const { department, created } = await putDepartment(organizationDeps(), path.departmentId, body);
  return { status: created ? 201 : 200, body: department };
});
