import { scheduledJob } from '../../shared/messaging/scheduled-job';
import { startQuarterlyCampaign } from '../../shared/services/surveys/campaigns';
import { surveyDeps } from './survey-deps';

/** EventBridge Scheduler, 10:00 on each quarter's first days: the quarter's campaign, once. */
export const handler = scheduledJob('quarterly survey campaign', () =>
  startQuarterlyCampaign(surveyDeps()),
);
