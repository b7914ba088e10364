import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { putStaffMember } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.putStaffMember, async ({ path, body }) => {
  const { member, created } = await putStaffMember(organizationDeps(), path.staffId, body);
  return { status: created ? 201 : 200, body: member };
});
