import { logger } from '../../shared/adapters/logger';
import { startQuarterlyCampaign } from '../../shared/services/surveys/campaigns';
import { surveyDeps } from './survey-deps';

/** EventBridge Scheduler, 10:00 on each quarter's first days: the quarter's campaign, once. */
export const handler = async () => {
  const result = await startQuarterlyCampaign(surveyDeps());
  logger.info('quarterly survey campaign', { ...result });
  return result;
};
