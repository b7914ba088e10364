import { apiHandler } from '../../shared/http/api-handler';
import { surveyOperations } from '../../shared/http/contracts/surveys-operations';
import { getSurvey } from '../../shared/services/surveys/queries';
import { surveyDeps } from './survey-deps';

export const handler = apiHandler(surveyOperations.getSurvey, async ({ path }) => ({
  status: 200,
  body: await getSurvey(surveyDeps(), path.surveyId),
}));
