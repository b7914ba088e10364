import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { campaignProgress } from '../../shared/services/surveys/campaigns';
import { surveyDeps } from './survey-deps';

export const handler = apiHandler(operations.getSurveyCampaign, async ({ path }) => ({
  status: 200,
  body: await campaignProgress(surveyDeps(), path.campaignId),
}));
