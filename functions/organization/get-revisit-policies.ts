import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { currentRevisitPolicies } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.getRevisitPolicies, async () => ({
  status: 200,
  body: await currentRevisitPolicies(organizationDeps()),
}));
