import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { normalizeEmail } from '../../shared/domain/customers/contact';
import { recipientsOf } from '../../shared/inbound-mail/parse-mime';
import type { InboundMailDefinition } from '../../wiring/manifest';
import { invoke } from './lambda-runtime';
import { LOCAL_REGION } from './local-env';

export const LOCAL_INBOUND_BUCKET = 'kefu-local-inbound-mail';

/**
 * What SES receiving does in AWS: the raw message is stored in the inbound-mail bucket (fauxqs'
 * S3) under the entry's prefix, and the object-created event invokes the entry's handler.
 */
export class LocalInboundMail {
  constructor(
    private readonly s3: S3Client,
    private readonly entries: InboundMailDefinition[],
  ) {}

  async createBucket(): Promise<void> {
    await this.s3.send(new CreateBucketCommand({ Bucket: LOCAL_INBOUND_BUCKET }));
  }

  /**
   * The entries whose receipt rule takes this message, as SES matches recipients: the complaints
   * address, or any address at the survey-reply domain. Mail to neither is refused, as SES would.
   */
  private async entriesFor(raw: Buffer): Promise<InboundMailDefinition[]> {
    const recipients = await recipientsOf(raw);
    const complaints = normalizeEmail(process.env.COMPLAINTS_REPLY_TO ?? '');
    const surveyDomain = `@${(process.env.SURVEY_REPLY_DOMAIN ?? '').toLowerCase()}`;
    return this.entries.filter((entry) =>
      recipients.some((address) =>
        entry.recipient === 'complaints' ? address === complaints : address.endsWith(surveyDomain),
      ),
    );
  }

  async deliver(raw: Buffer): Promise<unknown[]> {
    const results = [];
    for (const entry of await this.entriesFor(raw)) {
      const key = `${entry.objectPrefix}${randomUUID()}`;
      await this.s3.send(
        new PutObjectCommand({
          Bucket: LOCAL_INBOUND_BUCKET,
          Key: key,
          Body: raw,
          ContentType: 'message/rfc822',
        }),
      );
      const event = {
        Records: [
          {
            eventVersion: '2.1',
            eventSource: 'aws:s3',
            awsRegion: LOCAL_REGION,
            eventTime: new Date().toISOString(),
            eventName: 'ObjectCreated:Put',
            s3: {
              s3SchemaVersion: '1.0',
              bucket: { name: LOCAL_INBOUND_BUCKET, arn: `arn:aws:s3:::${LOCAL_INBOUND_BUCKET}` },
              object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size: raw.length },
            },
          },
        ],
      } as unknown as S3Event;
      results.push({ name: entry.name, key, result: await invoke(entry.handler, event) });
    }
    return results;
  }
}
