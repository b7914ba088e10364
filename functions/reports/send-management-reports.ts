import { systemClock } from '../../shared/adapters/clock';
import { DynamoNotificationLog } from '../../shared/adapters/dynamodb/notification-log';
import { scheduledJob } from '../../shared/messaging/scheduled-job';
import { sesMailer } from '../../shared/adapters/ses-mailer';
import { sendManagementReports } from '../../shared/services/reports/management-reports';
import { reportDeps } from './report-deps';

const log = new DynamoNotificationLog();

/** EventBridge Scheduler, 09:00 on each month's first ten days: the month's (and quarter's) report. */
export const handler = scheduledJob('management reports', () =>
  sendManagementReports({
    ...reportDeps(),
    mailer: sesMailer,
    sent: log,
    clock: systemClock,
  }),
);
