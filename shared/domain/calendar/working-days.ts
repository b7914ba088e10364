import type { BusinessCalendar } from './business-calendar';
import { type LocalDate, nextLocalDate } from './local-date';

/** The first working day on or after `day` (holidays and make-up days counted), within a month. */
export const firstWorkingDayFrom = (day: LocalDate, calendar: BusinessCalendar): LocalDate => {
  let candidate = day;
  for (let tries = 0; tries < 31 && !calendar.dayKind(candidate).working; tries++) {
    candidate = nextLocalDate(candidate);
  }
  return candidate;
};
