import { managementReportMail } from '../../presentation/reports/report-mail';
import { managementReportsDue } from '../../domain/reports/schedule';
import { DEFAULT_REPORT_SETTINGS } from '../../domain/reports/settings';
import { businessCalendar, holidayScheduleNotices } from '../complaints/calendar-source';
import type { Clock } from '../../domain/clock';
import type { Mailer, NotificationLog } from '../notifications/ports';
import type { ReportDeps } from './ports';
import { serviceQualityReport } from './service-quality';

export interface ManagementReportDeps extends ReportDeps {
  mailer: Mailer;
  /** Remembers which report went to whom, so a repeated schedule run sends nothing twice. */
  sent: NotificationLog;
  clock: Clock;
}

/**
 * The schedule's daily run early in each month: on the month's first working day, last month's
 * report (and, opening a quarter, last quarter's) is emailed to each configured recipient, once.
 */
export const sendManagementReports = async (
  deps: ManagementReportDeps,
): Promise<{ sent: number; periods: string[]; reason?: string }> => {
  const settings = (await deps.organization.getReportSettings())?.value ?? DEFAULT_REPORT_SETTINGS;
  const calendar = await businessCalendar(deps.organization, undefined);
  const due = managementReportsDue(deps.clock.now(), calendar, settings);
  const periods = due.map((period) => period.name);
  if (due.length === 0) return { sent: 0, periods, reason: 'no report is due today' };
  if (settings.recipients.length === 0) {
    return { sent: 0, periods, reason: 'no recipients configured (PUT /report-settings)' };
  }
  const notices = await holidayScheduleNotices(deps.organization, deps.clock);
  let sent = 0;
  for (const period of due) {
    const mail = managementReportMail(
      await serviceQualityReport(deps, { period: period.name }),
      notices,
    );
    for (const recipient of settings.recipients) {
      if (!(await deps.sent.claim(`report:${period.name}`, recipient))) continue;
      try {
        await deps.mailer.send({ to: recipient, ...mail });
        sent++;
      } catch (error) {
        await deps.sent.release(`report:${period.name}`, recipient);
        throw error;
      }
    }
  }
  return { sent, periods };
};
