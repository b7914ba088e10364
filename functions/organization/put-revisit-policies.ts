import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { replaceRevisitPolicies } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.putRevisitPolicies, async ({ body }) => ({
  status: 200,
  body: await replaceRevisitPolicies(organizationDeps(), body.policies),
}));
