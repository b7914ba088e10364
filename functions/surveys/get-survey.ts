import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { getSurvey } from '../../shared/services/surveys/queries';
import { surveyDeps } from './survey-deps';

export const handler = apiHandler(operations.getSurvey, async ({ path }) => ({
  status: 200,
  body: await getSurvey(surveyDeps(), path.surveyId),
}));
