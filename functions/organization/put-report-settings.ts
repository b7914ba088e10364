import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { replaceReportSettings } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.putReportSettings, async ({ body }) => ({
  status: 200,
  body: await replaceReportSettings(organizationDeps(), body),
}));
