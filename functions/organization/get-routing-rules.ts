import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { currentRoutingRules } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.getRoutingRules, async () => ({
  status: 200,
  body: await currentRoutingRules(organizationDeps()),
}));
