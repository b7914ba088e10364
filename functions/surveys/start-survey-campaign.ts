import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { startCampaignByHand } from '../../shared/services/surveys/campaigns';
import { surveyDeps } from './survey-deps';

export const handler = apiHandler(operations.startSurveyCampaign, async ({ body, principal }) => {
  const campaign = await startCampaignByHand(surveyDeps(), body, principal.subject);
  return {
    status: 202,
    body: campaign,
    headers: { Location: `/survey-campaigns/${campaign.id}` },
  };
});
