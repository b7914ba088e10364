import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { Mailer, OutgoingMail } from '../services/ports';

let client: SESClient | undefined;

/** Sends through SES (the emulator locally, via AWS_ENDPOINT_URL_SES), UTF-8 text and HTML. */
export const sesMailer: Mailer = {
  async send(mail: OutgoingMail) {
    client ??= new SESClient({});
    const from = process.env.MAIL_FROM;
    if (!from) throw new Error('MAIL_FROM is not set');
    const configurationSet = process.env.SES_CONFIGURATION_SET;
    const { MessageId } = await client.send(
      new SendEmailCommand({
        Source: from,
        Destination: { ToAddresses: [mail.to] },
        ...(mail.replyTo ? { ReplyToAddresses: [mail.replyTo] } : {}),
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        Message: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: mail.text, Charset: 'UTF-8' },
            Html: { Data: mail.html, Charset: 'UTF-8' },
          },
        },
      }),
    );
    return { messageId: MessageId ?? '' };
  },
};
