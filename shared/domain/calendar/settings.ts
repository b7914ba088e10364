import type { LocalDate } from './local-date';

export interface WorkingWindow {
  /** Local wall-clock time 'HH:MM' at which work starts. */
  start: string;
  /** Local 'HH:MM' after start at which work stops; '24:00' runs to the end of the day. */
  end: string;
}

export interface WorkingHours {
  /** ISO weekdays 1 (Monday) … 7 (Sunday) that are normally worked. */
  weekdays: readonly number[];
  /** One or more windows per working day, e.g. 09:00–12:00 and 13:30–18:00. */
  windows: readonly WorkingWindow[];
}

export interface DayOverride {
  date: LocalDate;
  kind: 'holiday' | 'workday';
  name?: string;
}

export interface CalendarSettings {
  /** IANA time zone in which working hours and dates are read. */
  timeZone: string;
  workingHours: WorkingHours;
  /** Days set through the API; they win over the built-in public-holiday data. */
  overrides?: readonly DayOverride[];
  /**
   * Chinese public holidays and make-up working days (调休) from chinese-days, and for years it
   * lacks the statutory holidays computed by rule; on unless false.
   */
  usePublicHolidays?: boolean;
}

export const DEFAULT_CALENDAR: CalendarSettings = {
  timeZone: 'Asia/Shanghai',
  workingHours: { weekdays: [1, 2, 3, 4, 5], windows: [{ start: '09:00', end: '18:00' }] },
  overrides: [],
  usePublicHolidays: true,
};

/** SLA targets are written in business hours; durations are counted in milliseconds. */
export const hours = (n: number): number => n * 3_600_000;
