import type { BusinessCalendar } from '../calendar/business-calendar';
import { localDateAt } from '../calendar/time-zone';
import { firstWorkingDayFrom } from '../calendar/working-days';
import { parsePeriod, type Period, previousPeriod } from './periods';
import type { ReportSettings } from './settings';

/**
 * The management reports due at `now`: on the first working day of a month, last month's (if
 * monthly reports are on) and, when that month opens a quarter, last quarter's. None otherwise.
 */
export const managementReportsDue = (
  now: Date,
  calendar: BusinessCalendar,
  settings: Pick<ReportSettings, 'monthly' | 'quarterly'>,
): Period[] => {
  const today = localDateAt(now.getTime(), calendar.timeZone);
  if (firstWorkingDayFrom(`${today.slice(0, 7)}-01`, calendar) !== today) return [];
  const month = Number(today.slice(5, 7));
  const due: Period[] = [];
  if (settings.monthly) due.push(previousPeriod(parsePeriod(today.slice(0, 7))));
  if (settings.quarterly && month % 3 === 1) {
    due.push(previousPeriod(parsePeriod(`${today.slice(0, 4)}-Q${Math.ceil(month / 3)}`)));
  }
  return due;
};
