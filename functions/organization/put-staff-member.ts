import { apiHandler } from '../../shared/http/api-handler';
import { putStaffMember } from '../../shared/services/organization/staff-service';
import { organizationOperations } from '../../wiring/operations/organization';
import { staffDeps } from './staff-deps';

export const handler = apiHandler(
  organizationOperations.putStaffMember,
  async ({ path, body, principal }) => {
    const { member, created } = await putStaffMember(
      staffDeps(),
      path.staffId,
      body,
      principal.subject,
    );
    return { status: created ? 201 : 200, body: member };
  },
);
