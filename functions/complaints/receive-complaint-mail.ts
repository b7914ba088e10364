import type { S3Event } from 'aws-lambda';
import { DynamoNotificationLog } from '../../shared/adapters/dynamodb/notification-log';
import { logger } from '../../shared/adapters/logger';
import { parseMail, UnreadableMail } from '../../shared/adapters/mail-parser';
import { readObject } from '../../shared/adapters/s3-objects';
import {
  type InboundMailDeps,
  receiveComplaintMail,
} from '../../shared/services/complaints/inbound-mail-service';
import { complaintDeps } from './complaint-deps';

let deps: InboundMailDeps | undefined;
const inboundDeps = (): InboundMailDeps => {
  deps ??= { ...complaintDeps(), processed: new DynamoNotificationLog() };
  return deps;
};

/** S3 object keys arrive URL-encoded, with spaces as '+'. */
const objectKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * SES stores each email for the complaints address in S3; this turns it into a complaint or a
 * reply on one. A message that cannot be read is logged and dropped (retrying cannot mend it);
 * any other failure throws, so Lambda retries and finally parks the event in its DLQ.
 */
export const handler = async (event: S3Event) => {
  const outcomes = [];
  for (const record of event.Records) {
    const key = objectKey(record.s3.object.key);
    // SES writes this object once when the receipt rule is created; it is not an email.
    if (key.endsWith('/AMAZON_SES_SETUP_NOTIFICATION')) continue;
    const raw = await readObject(record.s3.bucket.name, key);
    try {
      const message = await parseMail(raw, new Date(record.eventTime));
      const outcome = await receiveComplaintMail(inboundDeps(), message);
      logger.info('inbound mail', { key, ...outcome });
      outcomes.push(outcome);
    } catch (error) {
      if (!(error instanceof UnreadableMail)) throw error;
      logger.error('unreadable inbound mail dropped', { key, reason: error.message });
      outcomes.push({ outcome: 'ignored', reason: error.message });
    }
  }
  return outcomes;
};
