import { withBusinessMetrics } from '../../shared/adapters/metrics';
import { busEventConsumer } from '../../shared/messaging/event-consumer';
import { openFollowUp } from '../../shared/services/surveys/follow-up';
import { meteredSurveyDeps } from './survey-deps';

/**
 * survey-follow-up queue: a score of 1 or 2 opens a complaint follow-up, once per survey (counted
 * in ComplaintsFiled).
 */
export const handler = withBusinessMetrics(
  busEventConsumer('open-survey-follow-ups', async (event) => {
    if (event.type !== 'SurveyAnswered') return 'ignored';
    return openFollowUp(meteredSurveyDeps(), event.data);
  }),
);
