import {
  BusinessCalendar,
  type CalendarSettings,
  DEFAULT_CALENDAR,
} from '../../domain/calendar/business-calendar';
import type { Clock } from '../../domain/clock';
import type { OrganizationRepository } from '../organization/ports';

/** Calendars change rarely; a warm function re-reads them at most this often. */
const CACHE_MS = 60_000;
const cache = new Map<string, { calendar: BusinessCalendar; until: number }>();

const stored = async (
  organization: OrganizationRepository,
  id: string,
): Promise<CalendarSettings | undefined> => (await organization.getCalendar(id))?.value;

/**
 * The calendar a department's deadlines are counted on: its own if configured, else the
 * `default` one set through `/calendars/default`, else Asia/Shanghai Mon–Fri 09:00–18:00 with
 * Chinese public holidays.
 */
export const businessCalendar = async (
  organization: OrganizationRepository,
  department: string | undefined,
): Promise<BusinessCalendar> => {
  const key = department ?? 'default';
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.calendar;
  const settings =
    (department ? await stored(organization, department) : undefined) ??
    (await stored(organization, 'default')) ??
    DEFAULT_CALENDAR;
  const calendar = new BusinessCalendar(settings);
  cache.set(key, { calendar, until: Date.now() + CACHE_MS });
  return calendar;
};

/** After a calendar changes, this function instance counts on the new one at once. */
export const forgetCalendars = (): void => cache.clear();

/**
 * The default calendar's holiday-schedule warnings, as lines for admins: the report footer and
 * npm start's startup lines.
 */
export const holidayScheduleNotices = async (
  organization: OrganizationRepository,
  clock: Clock,
): Promise<string[]> =>
  (await businessCalendar(organization, undefined))
    .holidayScheduleWarnings(clock.now())
    .map((warning) => warning.message);
