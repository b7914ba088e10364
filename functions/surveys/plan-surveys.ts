import { busEventConsumer } from '../../shared/messaging/event-consumer';
import { planAfterCaseSurvey } from '../../shared/services/surveys/planning';
import { surveyDeps } from './survey-deps';

/**
 * survey-planning queue: a closed complaint, and a completed revisit whose policy asks for it,
 * schedule their after-case survey, once per case, credited to the staff member of the case at
 * that moment (the complaint's owner, the revisit's assignee).
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
          ...(event.data.ownerId ? { agentId: event.data.ownerId } : {}),
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
          ...(event.data.assigneeId ? { agentId: event.data.assigneeId } : {}),
        },
        endedAt: event.occurredAt,
      });
    default:
      return 'ignored';
  }
});
