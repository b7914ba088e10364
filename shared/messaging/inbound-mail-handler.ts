import type { S3Event } from 'aws-lambda';
import { logger, withLogContext } from '../adapters/logger';
import { parseMail, UnreadableMail } from '../inbound-mail/parse-mime';
import { objectKeyOf, readObject } from '../adapters/s3-objects';
import type { InboundMessage } from '../inbound-mail/inbound-message';

/**
 * A handler of email SES stored in S3 (receipt rule → S3 → object-created event): each message
 * is read, parsed and given to `handle`. A message that cannot be parsed is logged and dropped
 * (retrying cannot mend it); any other failure throws, so Lambda retries and finally parks the
 * event in the function's asynchronous DLQ.
 */
export const inboundMailHandler = <O extends object>(
  name: string,
  handle: (message: InboundMessage) => Promise<O>,
) =>
  withLogContext(async (event: S3Event) => {
    const outcomes: (O | { outcome: 'ignored'; reason: string })[] = [];
    for (const record of event.Records) {
      const key = objectKeyOf(record);
      // SES writes this object once when the receipt rule is created; it is not an email.
      if (key.endsWith('/AMAZON_SES_SETUP_NOTIFICATION')) continue;
      const raw = await readObject(record.s3.bucket.name, key);
      try {
        const outcome = await handle(await parseMail(raw, new Date(record.eventTime)));
        logger.info(name, { key, ...outcome });
        outcomes.push(outcome);
      } catch (error) {
        if (!(error instanceof UnreadableMail)) throw error;
        logger.error(`unreadable ${name} dropped`, { key, reason: error.message });
        outcomes.push({ outcome: 'ignored', reason: error.message });
      }
    }
    return outcomes;
  });
