import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { replaceSurveySettings } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.putSurveySettings, async ({ body }) => ({
  status: 200,
  body: await replaceSurveySettings(organizationDeps(), body),
}));
