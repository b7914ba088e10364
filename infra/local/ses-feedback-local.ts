import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** `POST /_local/ses-feedback`: what SES would report about an address it sent to. */
export interface SesFeedbackRequest {
  type: 'Bounce' | 'Complaint';
  recipients: string[];
  /** Bounces only: `Permanent` (default, suppresses) or `Transient`. */
  bounceType: 'Permanent' | 'Transient';
}

/** The request as given, or why it cannot be used. */
export const readFeedbackRequest = (body: unknown): SesFeedbackRequest | string => {
  const request = body as Partial<SesFeedbackRequest> | undefined;
  if (request?.type !== 'Bounce' && request?.type !== 'Complaint') {
    return 'type must be "Bounce" or "Complaint".';
  }
  const recipients = request.recipients;
  if (
    !Array.isArray(recipients) ||
    recipients.length === 0 ||
    recipients.length > 50 ||
    !recipients.every((address) => typeof address === 'string' && address.includes('@'))
  ) {
    return 'recipients must list 1 to 50 email addresses.';
  }
  const bounceType = request.bounceType ?? 'Permanent';
  if (bounceType !== 'Permanent' && bounceType !== 'Transient') {
    return 'bounceType must be "Permanent" or "Transient".';
  }
  return { type: request.type, recipients, bounceType };
};

/**
 * What the configuration set's event destination does in AWS: SES publishes the event to SNS,
 * which delivers it to the mail-feedback queue wrapped in an SNS notification.
 */
export const sesFeedbackPublisher =
  (sqs: SQSClient, queueUrl: string, now: () => Date) =>
  async (feedback: SesFeedbackRequest): Promise<string> => {
    const timestamp = now().toISOString();
    const recipients = feedback.recipients.map((emailAddress) => ({ emailAddress }));
    const event =
      feedback.type === 'Bounce'
        ? {
            eventType: 'Bounce',
            bounce: {
              bounceType: feedback.bounceType,
              bounceSubType: feedback.bounceType === 'Permanent' ? 'General' : 'MailboxFull',
              bouncedRecipients: recipients,
              timestamp,
              feedbackId: randomUUID(),
            },
            mail: { timestamp, messageId: randomUUID(), destination: feedback.recipients },
          }
        : {
            eventType: 'Complaint',
            complaint: {
              complainedRecipients: recipients,
              timestamp,
              feedbackId: randomUUID(),
              complaintFeedbackType: 'abuse',
            },
            mail: { timestamp, messageId: randomUUID(), destination: feedback.recipients },
          };
    const { MessageId } = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: 'arn:aws:sns:us-east-1:000000000000:kefu-local-mail-feedback',
          Message: JSON.stringify(event),
          Timestamp: timestamp,
        }),
      }),
    );
    return MessageId ?? '';
  };
