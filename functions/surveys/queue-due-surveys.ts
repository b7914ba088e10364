import { scheduledJob } from '../../shared/messaging/scheduled-job';
import { queueDueSurveys } from '../../shared/services/surveys/sending';
import { surveyDeps } from './survey-deps';

/** EventBridge Scheduler, every 15 minutes: surveys and reminders whose time came are queued. */
export const handler = scheduledJob('surveys due', () => queueDueSurveys(surveyDeps()));
