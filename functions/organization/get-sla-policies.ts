import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { currentSlaPolicies } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.getSlaPolicies, async () => ({
  status: 200,
  body: await currentSlaPolicies(organizationDeps()),
}));
