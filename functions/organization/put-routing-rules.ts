import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { replaceRoutingRules } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.putRoutingRules, async ({ body }) => ({
  status: 200,
  body: await replaceRoutingRules(organizationDeps(), body.rules),
}));
