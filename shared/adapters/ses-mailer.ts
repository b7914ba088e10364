import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingMail } from '../services/notifications/ports';
import { ENVIRONMENT, optionalVariable, requiredVariable } from './environment';

let client: SESv2Client | undefined;

/** The one SES client of the execution environment (tests add fault-injecting middleware to it). */
export const sesClient = (): SESv2Client =>
  (client ??= new SESv2Client({ retryMode: 'adaptive', maxAttempts: 6 }));

/**
 * Sends through SES v2 (the emulator locally, via AWS_ENDPOINT_URL_SESV2): UTF-8 text and HTML,
 * with extra headers such as List-Unsubscribe, which the v1 API cannot set. SES throttling
 * (MaxSendRateExceeded, TooManyRequests) is retried with backoff by the SDK's adaptive retry mode.
 */
export const sesMailer: Mailer = {
  async send(mail: OutgoingMail) {
    const from = requiredVariable(ENVIRONMENT.mailFrom);
    const configurationSet = optionalVariable(ENVIRONMENT.sesConfigurationSet);
    const { MessageId } = await sesClient().send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [mail.to] },
        ...(mail.replyTo ? { ReplyToAddresses: [mail.replyTo] } : {}),
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: mail.text, Charset: 'UTF-8' },
              Html: { Data: mail.html, Charset: 'UTF-8' },
            },
            ...(mail.headers
              ? {
                  Headers: Object.entries(mail.headers).map(([Name, Value]) => ({ Name, Value })),
                }
              : {}),
          },
        },
      }),
    );
    return { messageId: MessageId ?? '' };
  },
};
