import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { replaceRevisitPolicies } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.putRevisitPolicies, async ({ body }) => ({
  status: 200,
  body: await replaceRevisitPolicies(organizationDeps(), body.policies),
}));
