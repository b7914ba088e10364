import { withBusinessMetrics } from '../../shared/adapters/metrics';
import { MalformedMessage } from '../../shared/messaging/bus-event';
import { parseWork, workConsumer } from '../../shared/messaging/work-consumer';
import { type MailFeedback, recordMailFeedback } from '../../shared/services/surveys/feedback';
import * as z from '../../shared/zod';
import { meteredSurveyDeps } from './survey-deps';

const snsNotification = z.object({ Type: z.literal('Notification'), Message: z.string() });

const recipients = z.array(z.object({ emailAddress: z.email().check(z.maxLength(254)) }));
const instant = z.iso.datetime({ offset: true });

/** SES event publishing (`eventType`) and identity notifications (`notificationType`) alike. */
const sesFeedback = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(
    z.object({ bounceType: z.string(), bouncedRecipients: recipients, timestamp: instant }),
  ),
  complaint: z.optional(z.object({ complainedRecipients: recipients, timestamp: instant })),
});

/** An SNS notification (as SNS delivers it to SQS) holding an SES bounce or complaint. */
export const readFeedback = (body: string): MailFeedback | undefined => {
  const notification = parseWork(snsNotification, body);
  const ses = parseWork(sesFeedback, notification.Message);
  const type = ses.eventType ?? ses.notificationType;
  if (type === 'Bounce' && ses.bounce) {
    return {
      feedback: 'bounce',
      permanent: ses.bounce.bounceType === 'Permanent',
      recipients: ses.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress),
      at: ses.bounce.timestamp,
    };
  }
  if (type === 'Complaint' && ses.complaint) {
    return {
      feedback: 'complaint',
      permanent: true,
      recipients: ses.complaint.complainedRecipients.map((recipient) => recipient.emailAddress),
      at: ses.complaint.timestamp,
    };
  }
  if (type === 'Bounce' || type === 'Complaint') {
    throw new MalformedMessage(`the ${type} notification has no ${type.toLowerCase()} details`);
  }
  return undefined;
};

/**
 * mail-feedback queue: SES bounces and complaints (configuration set → SNS → SQS) suppress
 * (counted in AddressesSuppressed).
 */
export const handler = withBusinessMetrics(
  workConsumer('record-mail-feedback', readFeedback, async (feedback) => {
    if (!feedback) return 'ignored (not a bounce or complaint)';
    const result = await recordMailFeedback(meteredSurveyDeps(), feedback);
    return `suppressed ${result.suppressed}, unchanged ${result.ignored}`;
  }),
);
