import { logger } from '../../shared/adapters/logger';
import { queueDueSurveys } from '../../shared/services/surveys/sending';
import { surveyDeps } from './survey-deps';

/** EventBridge Scheduler, every 15 minutes: surveys and reminders whose time came are queued. */
export const handler = async () => {
  const result = await queueDueSurveys(surveyDeps());
  logger.info('surveys due', { ...result });
  return result;
};
