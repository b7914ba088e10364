import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { currentReportSettings } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.getReportSettings, async () => ({
  status: 200,
  body: await currentReportSettings(organizationDeps()),
}));
