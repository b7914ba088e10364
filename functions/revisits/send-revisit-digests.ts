import { DynamoNotificationLog } from '../../shared/adapters/dynamodb/notification-log';
import { scheduledJob } from '../../shared/messaging/scheduled-job';
import { sesMailer } from '../../shared/adapters/ses-mailer';
import { type DigestDeps, sendRevisitDigests } from '../../shared/services/revisits/digest';
import { revisitDeps } from './revisit-deps';

let deps: DigestDeps | undefined;

/** EventBridge Scheduler, daily at 08:30 Asia/Shanghai: each owner's due and overdue revisits. */
export const handler = scheduledJob('revisit digests', async () => {
  deps ??= { ...revisitDeps(), mailer: sesMailer, sent: new DynamoNotificationLog() };
  return sendRevisitDigests(deps);
});
