import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { currentRevisitPolicies } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.getRevisitPolicies, async () => ({
  status: 200,
  body: await currentRevisitPolicies(organizationDeps()),
}));
