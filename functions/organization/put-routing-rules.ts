import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { replaceRoutingRules } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.putRoutingRules, async ({ body }) => ({
  status: 200,
  body: await replaceRoutingRules(organizationDeps(), body.rules),
}));
