import { busEventConsumer } from '../../shared/messaging/event-consumer';
import { planAfterCaseSurvey } from '../../shared/services/surveys/planning';
import { surveyDeps } from './survey-deps';

/**
 * survey-planning queue: a closed complaint, and a completed revisit whose policy asks for it,
 * schedule their after-case survey, once per case.
 */
export const handler = busEventConsumer('plan-surveys', async (event) => {
  switch (event.type) {
    case 'ComplaintClosed':
      return planAfterCaseSurvey(surveyDeps(), {
        kind: 'after-complaint',
        customerId: event.data.customerId,
        about: {
          type: 'complaint',
          id: event.data.complaintId,
          department: event.data.department,
        },
        endedAt: event.occurredAt,
      });
    case 'RevisitCompleted':
      if (!event.data.surveyAfter) return 'the policy asks for no survey';
      return planAfterCaseSurvey(surveyDeps(), {
        kind: 'after-revisit',
        customerId: event.data.customerId,
        about: {
          type: 'revisit',
          id: event.data.revisitId,
          ...(event.data.department ? { department: event.data.department } : {}),
        },
        endedAt: event.occurredAt,
      });
    default:
      return 'ignored';
  }
});
