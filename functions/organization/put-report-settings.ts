import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../shared/http/contracts/organization-operations';
import { replaceReportSettings } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.putReportSettings, async ({ body }) => ({
  status: 200,
  body: await replaceReportSettings(organizationDeps(), body),
}));
