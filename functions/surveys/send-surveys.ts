import { parseWork, workConsumer } from '../../shared/messaging/work-consumer';
import { sendSurveyWork } from '../../shared/services/surveys/sending';
import * as z from '../../shared/zod';
import { surveyDeps } from './survey-deps';

const surveyWork = z.strictObject({
  surveyId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
  purpose: z.enum(['survey', 'reminder']),
});

/** survey-sending queue: one survey or its reminder per message, sent at most once. */
export const handler = workConsumer(
  'send-surveys',
  (body) => parseWork(surveyWork, body),
  (work) => sendSurveyWork(surveyDeps(), work),
);
