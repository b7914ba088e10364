import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { currentRoutingRules } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.getRoutingRules, async () => ({
  status: 200,
  body: await currentRoutingRules(organizationDeps()),
}));
