import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { currentReportSettings } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.getReportSettings, async () => ({
  status: 200,
  body: await currentReportSettings(organizationDeps()),
}));
