import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { replaceSlaPolicies } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.putSlaPolicies, async ({ body }) => ({
  status: 200,
  body: await replaceSlaPolicies(organizationDeps(), body.policies),
}));
