import { withBusinessMetrics } from '../../shared/adapters/metrics';
import { parseWork, workConsumer } from '../../shared/messaging/work-consumer';
import { sendSurveyWork } from '../../shared/services/surveys/sending';
import { ULID_PATTERN } from '../../shared/domain/ids';
import * as z from '../../shared/zod';
import { meteredSurveyDeps } from './survey-deps';

const surveyWork = z.strictObject({
  surveyId: z.string().check(z.regex(ULID_PATTERN)),
  purpose: z.enum(['survey', 'reminder']),
});

/**
 * survey-sending queue: one survey or its reminder per message, sent at most once (counted in
 * SurveysSent and SurveyRemindersSent when recorded).
 */
export const handler = withBusinessMetrics(
  workConsumer(
    'send-surveys',
    (body) => parseWork(surveyWork, body),
    (work) => sendSurveyWork(meteredSurveyDeps(), work),
  ),
);
