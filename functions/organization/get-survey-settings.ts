import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { currentSurveySettings } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.getSurveySettings, async () => ({
  status: 200,
  body: await currentSurveySettings(organizationDeps()),
}));
