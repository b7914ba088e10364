import { busEventConsumer } from '../../shared/messaging/event-consumer';
import { openFollowUp } from '../../shared/services/surveys/follow-up';
import { surveyDeps } from './survey-deps';

/** survey-follow-up queue: a score of 1 or 2 opens a complaint follow-up, once per survey. */
export const handler = busEventConsumer('open-survey-follow-ups', async (event) => {
  if (event.type !== 'SurveyAnswered') return 'ignored';
  return openFollowUp(surveyDeps(), event.data);
});
