import { DomainError } from '../errors';
import {
  isoWeekday,
  nextLocalDate,
  requireMidnightAsUtc,
  yearOf,
  type LocalDate,
} from './local-date';
import { hasPublicHolidayData, publicDayOn } from './public-holidays';
import type { CalendarSettings, DayOverride } from './settings';
import { minuteOfDay } from './time-of-day';
import { instantAt, localDateAt } from './time-zone';
import { validateCalendarSettings } from './validation';

// One import site for callers; the pieces live in small modules next to this one.
export { DEFAULT_CALENDAR, hours } from './settings';
export type { CalendarSettings, DayOverride, WorkingHours, WorkingWindow } from './settings';
export { validateCalendarSettings } from './validation';

export type DayReason =
  | 'weekday'
  | 'weekend'
  | 'public-holiday'
  | 'statutory-holiday'
  | 'make-up-workday'
  | 'override-holiday'
  | 'override-workday';

export interface DayKind {
  working: boolean;
  reason: DayReason;
  /** The holiday or override name; a make-up workday carries the name of its holiday. */
  name?: string;
  /** The holiday's Chinese name, for public holidays and make-up workdays. */
  nameZh?: string;
}

export interface CalendarWarning {
  /**
   * 'no-holiday-data': days of a year without a published schedule were counted (statutory
   * holidays computed, make-up working days unknown); 'holiday-schedule-missing': a year that is
   * here or near has no schedule yet, published or entered as overrides.
   */
  code: 'no-holiday-data' | 'holiday-schedule-missing';
  year: number;
  message: string;
}

interface Interval {
  start: number;
  end: number;
}

/**
 * From this day of the year (MM-DD, in the calendar's time zone) admins are warned that next year's
 * holiday schedule is missing: the State Council usually publishes it in November or December.
 */
export const NEXT_YEAR_SCHEDULE_WARNING_FROM = '11-01';

/** Beyond this, a deadline search gives up: the calendar has (almost) no working time. */
const SEARCH_HORIZON_DAYS = 3 * 366;

/** Collects the years whose days were classified without public-holiday data. */
class MissingHolidayData {
  private readonly years = new Set<number>();

  note(year: number): void {
    this.years.add(year);
  }

  warnings(): CalendarWarning[] {
    return [...this.years]
      .sort((a, b) => a - b)
      .map((year) => ({
        code: 'no-holiday-data',
        year,
        message: `No published Chinese holiday schedule for ${year}: its statutory holidays were computed, its make-up working days (调休) are unknown and were not counted.`,
      }));
  }
}

const requireInstant = (instant: Date, what: string): number => {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError(`${what} is not a valid date`);
  return time;
};

export class BusinessCalendar {
  readonly timeZone: string;
  private readonly weekdays: ReadonlySet<number>;
  private readonly windows: readonly { start: number; end: number }[];
  private readonly overrides: ReadonlyMap<LocalDate, DayOverride>;
  private readonly usePublicHolidays: boolean;

  constructor(settings: CalendarSettings) {
    const problems = validateCalendarSettings(settings);
    if (problems.length > 0) {
      throw new DomainError('rule-violated', `Invalid calendar: ${problems.join('; ')}`, {
        problems,
      });
    }
    this.timeZone = settings.timeZone;
    this.weekdays = new Set(settings.workingHours.weekdays);
    this.windows = settings.workingHours.windows
      .map((window) => ({
        start: minuteOfDay(window.start, 'start') ?? 0,
        end: minuteOfDay(window.end, 'end') ?? 0,
      }))
      .sort((a, b) => a.start - b.start);
    this.overrides = new Map((settings.overrides ?? []).map((day) => [day.date, day]));
    this.usePublicHolidays = settings.usePublicHolidays ?? true;
  }

  /**
   * The instant that lies `durationMs` of business time after `start`. Outside working time the
   * clock starts at the next working moment; a duration that uses up a window exactly ends at
   * that window's end. A zero duration is due at `start` itself.
   */
  addBusinessTime(start: Date, durationMs: number): { at: Date; warnings: CalendarWarning[] } {
    const startTime = requireInstant(start, 'start');
    if (!Number.isFinite(durationMs) || durationMs < 0) {
      throw new RangeError(`durationMs must be a finite number ≥ 0, got ${durationMs}`);
    }
    if (durationMs === 0) return { at: new Date(startTime), warnings: [] };

    const missing = new MissingHolidayData();
    let cursor = startTime;
    let remaining = durationMs;
    let date = localDateAt(startTime, this.timeZone);
    for (let day = 0; day < SEARCH_HORIZON_DAYS; day++, date = nextLocalDate(date)) {
      for (const interval of this.workingIntervals(date, missing)) {
        if (interval.end <= cursor) continue;
        const from = Math.max(interval.start, cursor);
        if (remaining <= interval.end - from) {
          return { at: new Date(from + remaining), warnings: missing.warnings() };
        }
        remaining -= interval.end - from;
        cursor = interval.end;
      }
    }
    throw new DomainError(
      'rule-violated',
      `No deadline within ${SEARCH_HORIZON_DAYS} days of ${start.toISOString()}: the calendar has too little working time left for ${durationMs} ms.`,
      { start: start.toISOString(), durationMs },
    );
  }

  /**
   * The first working moment at or after `instant`: the instant itself during working time, else
   * the start of the next working window.
   */
  nextWorkingTime(instant: Date): { at: Date; warnings: CalendarWarning[] } {
    const time = requireInstant(instant, 'instant');
    const missing = new MissingHolidayData();
    let date = localDateAt(time, this.timeZone);
    for (let day = 0; day < SEARCH_HORIZON_DAYS; day++, date = nextLocalDate(date)) {
      for (const interval of this.workingIntervals(date, missing)) {
        if (interval.end <= time) continue;
        return { at: new Date(Math.max(interval.start, time)), warnings: missing.warnings() };
      }
    }
    throw new DomainError(
      'rule-violated',
      `No working time within ${SEARCH_HORIZON_DAYS} days of ${instant.toISOString()}.`,
      { instant: instant.toISOString() },
    );
  }

  /** Business time elapsed between two instants (0 if `to` is not after `from`). */
  businessTimeBetween(from: Date, to: Date): { ms: number; warnings: CalendarWarning[] } {
    const fromTime = requireInstant(from, 'from');
    const toTime = requireInstant(to, 'to');
    if (toTime <= fromTime) return { ms: 0, warnings: [] };

    const missing = new MissingHolidayData();
    const lastDate = localDateAt(toTime, this.timeZone);
    let cursor = fromTime;
    let elapsed = 0;
    for (let date = localDateAt(fromTime, this.timeZone); ; date = nextLocalDate(date)) {
      for (const interval of this.workingIntervals(date, missing)) {
        const start = Math.max(interval.start, cursor);
        const end = Math.min(interval.end, toTime);
        if (end > start) {
          elapsed += end - start;
          cursor = end;
        }
      }
      if (date >= lastDate) return { ms: elapsed, warnings: missing.warnings() };
    }
  }

  isWorkingTime(instant: Date): boolean {
    const time = requireInstant(instant, 'instant');
    const date = localDateAt(time, this.timeZone);
    return this.workingIntervals(date, new MissingHolidayData()).some(
      (interval) => interval.start <= time && time < interval.end,
    );
  }

  /**
   * What admins should hear about the holiday schedule at `now`: the current year's and, from
   * 1 November, next year's, when neither the published data nor this calendar's overrides
   * (any override dated in the year counts as its schedule being entered) have it.
   */
  holidayScheduleWarnings(now: Date): CalendarWarning[] {
    if (!this.usePublicHolidays) return [];
    const today = localDateAt(requireInstant(now, 'now'), this.timeZone);
    const year = yearOf(today);
    const years = today.slice(5) >= NEXT_YEAR_SCHEDULE_WARNING_FROM ? [year, year + 1] : [year];
    const entered = new Set([...this.overrides.keys()].map(yearOf));
    return years
      .filter((each) => !hasPublicHolidayData(each) && !entered.has(each))
      .map((each) => ({
        code: 'holiday-schedule-missing',
        year: each,
        message: `The ${each} holiday schedule has not been entered: until it is (PUT /calendars/{calendarId} overrides), ${each} counts only its computed statutory holidays and no make-up working days (调休).`,
      }));
  }

  /** What kind of day a local date is, and why. */
  dayKind(localDate: LocalDate): DayKind {
    return this.classify(localDate).kind;
  }

  private classify(date: LocalDate): { kind: DayKind; withoutHolidayData: boolean } {
    requireMidnightAsUtc(date);
    const override = this.overrides.get(date);
    if (override) {
      const working = override.kind === 'workday';
      const reason = working ? 'override-workday' : 'override-holiday';
      const name = override.name === undefined ? {} : { name: override.name };
      return { kind: { working, reason, ...name }, withoutHolidayData: false };
    }
    if (this.usePublicHolidays) {
      const publicDay = publicDayOn(date);
      if (publicDay) {
        const working = publicDay.kind === 'make-up-workday';
        const reason = publicDay.kind === 'holiday' ? 'public-holiday' : publicDay.kind;
        const { name, nameZh } = publicDay;
        return {
          kind: { working, reason, name, nameZh },
          withoutHolidayData: publicDay.kind === 'statutory-holiday',
        };
      }
    }
    const working = this.weekdays.has(isoWeekday(date));
    return {
      kind: { working, reason: working ? 'weekday' : 'weekend' },
      withoutHolidayData: this.usePublicHolidays && !hasPublicHolidayData(yearOf(date)),
    };
  }

  /**
   * The day's working windows as instants, in order; none on a day off. A window that vanishes in
   * a daylight-saving gap is dropped.
   */
  private workingIntervals(date: LocalDate, missing: MissingHolidayData): Interval[] {
    const { kind, withoutHolidayData } = this.classify(date);
    if (withoutHolidayData) missing.note(yearOf(date));
    if (!kind.working) return [];
    return this.windows
      .map((window) => ({
        start: instantAt(date, window.start, this.timeZone),
        end: instantAt(date, window.end, this.timeZone),
      }))
      .filter((interval) => interval.end > interval.start);
  }
}
