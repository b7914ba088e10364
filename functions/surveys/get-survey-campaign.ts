import { apiHandler } from '../../shared/http/api-handler';
import { surveyOperations } from '../../wiring/operations/surveys';
import { campaignProgress } from '../../shared/services/surveys/campaigns';
import { surveyDeps } from './survey-deps';

export const handler = apiHandler(surveyOperations.getSurveyCampaign, async ({ path }) => ({
  status: 200,
  body: await campaignProgress(surveyDeps(), path.campaignId),
}));
