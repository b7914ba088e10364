import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { currentSlaPolicies } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.getSlaPolicies, async () => ({
  status: 200,
  body: await currentSlaPolicies(organizationDeps()),
}));
