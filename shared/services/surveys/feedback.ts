import { normalizeEmail } from '../../domain/customers/contact';
import type { SurveyServiceDeps } from './ports';
import { surveyEvent } from './events';

/** What Kefu reads of an SES bounce or complaint notification (configuration-set event). */
export interface MailFeedback {
  feedback: 'bounce' | 'complaint';
  /** Only permanent bounces suppress; transient ones (mailbox full) may succeed later. */
  permanent: boolean;
  recipients: string[];
  at: string;
}

/**
 * SES feedback: a hard bounce or a complaint puts each recipient on the suppression list (once;
 * a repeated notification changes nothing) and publishes EmailBounced naming the customer.
 */
export const recordMailFeedback = async (
  deps: Pick<SurveyServiceDeps, 'suppressions' | 'customers' | 'ids' | 'clock'>,
  feedback: MailFeedback,
): Promise<{ suppressed: number; ignored: number }> => {
  if (feedback.feedback === 'bounce' && !feedback.permanent) {
    return { suppressed: 0, ignored: feedback.recipients.length };
  }
  let suppressed = 0;
  for (const recipient of feedback.recipients) {
    const email = normalizeEmail(recipient);
    const customerId = await deps.customers.findIdByContact('email', email);
    const event = surveyEvent(deps.ids, 'EmailBounced', deps.clock.now().toISOString(), {
      feedback: feedback.feedback,
      ...(customerId ? { customerId } : {}),
    });
    if (
      await deps.suppressions.suppress(
        email,
        { feedback: feedback.feedback, at: feedback.at },
        event,
      )
    ) {
      suppressed++;
    }
  }
  return { suppressed, ignored: feedback.recipients.length - suppressed };
};
