import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { putStaffMember } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.putStaffMember, async ({ path, body }) => {
  const { member, created } = await putStaffMember(organizationDeps(), path.staffId, body);
  return { status: created ? 201 : 200, body: member };
});
