import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { replaceReportSettings } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.putReportSettings, async ({ body }) => ({
  status: 200,
  body: await replaceReportSettings(organizationDeps(), body),
}));
