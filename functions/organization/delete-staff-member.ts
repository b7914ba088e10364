import { apiHandler } from '../../shared/http/api-handler';
import { removeStaffMember } from '../../shared/services/organization/staff-service';
import { organizationOperations } from '../../wiring/operations/organization';
import { staffDeps } from './staff-deps';

export const handler = apiHandler(
  organizationOperations.deleteStaffMember,
  async ({ path, principal }) => ({
    status: 200,
    body: await removeStaffMember(staffDeps(), path.staffId, principal.subject),
  }),
);
