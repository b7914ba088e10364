import { DynamoNotificationLog } from '../../shared/adapters/dynamodb/notification-log';
import { logger } from '../../shared/adapters/logger';
import { sesMailer } from '../../shared/adapters/ses-mailer';
import { type DigestDeps, sendRevisitDigests } from '../../shared/services/revisits/digest';
import { revisitDeps } from './revisit-deps';

let deps: DigestDeps | undefined;

/** EventBridge Scheduler, daily at 08:30 Asia/Shanghai: each owner's due and overdue revisits. */
export const handler = async () => {
  deps ??= { ...revisitDeps(), mailer: sesMailer, sent: new DynamoNotificationLog() };
  const result = await sendRevisitDigests(deps);
  logger.info('revisit digests', { ...result });
  return result;
};
