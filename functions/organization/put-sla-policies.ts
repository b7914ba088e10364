import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { replaceSlaPolicies } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.putSlaPolicies, async ({ body }) => ({
  status: 200,
  body: await replaceSlaPolicies(organizationDeps(), body.policies),
}));
