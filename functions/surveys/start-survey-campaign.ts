import { idempotentApiHandler } from '../../shared/http/idempotent-api-handler';
import { surveyOperations } from '../../wiring/operations/surveys';
import { startCampaignByHand } from '../../shared/services/surveys/campaigns';
import { surveyDeps } from './survey-deps';

export const handler = idempotentApiHandler(
  surveyOperations.startSurveyCampaign,
  async ({ body, principal }) => {
    const campaign = await startCampaignByHand(surveyDeps(), body, principal.subject);
    return {
      status: 202,
      body: campaign,
      headers: { Location: `/survey-campaigns/${campaign.id}` },
    };
  },
);
