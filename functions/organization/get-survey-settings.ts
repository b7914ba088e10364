import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { currentSurveySettings } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.getSurveySettings, async () => ({
  status: 200,
  body: await currentSurveySettings(organizationDeps()),
}));
