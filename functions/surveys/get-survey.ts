import { apiHandler } from '../../shared/http/api-handler';
import { surveyOperations } from '../../wiring/operations/surveys';
import { getSurvey } from '../../shared/services/surveys/queries';
import { surveyDeps } from './survey-deps';

export const handler = apiHandler(surveyOperations.getSurvey, async ({ path }) => ({
  status: 200,
  body: await getSurvey(surveyDeps(), path.surveyId),
}));
