import { isLocalDate } from './local-date';
import { isKnownTimeZone } from './time-zone';
import { minuteOfDay } from './time-of-day';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const timeZoneProblems = (timeZone: unknown): string[] => {
  if (typeof timeZone !== 'string' || timeZone === '')
    return ['timeZone must be an IANA time zone name'];
  return isKnownTimeZone(timeZone)
    ? []
    : [`timeZone ${JSON.stringify(timeZone)} is not a known IANA time zone`];
};

const weekdayProblems = (weekdays: unknown): string[] => {
  if (!Array.isArray(weekdays)) return ['workingHours.weekdays must be a list of ISO weekdays 1–7'];
  const problems: string[] = [];
  const seen = new Set<unknown>();
  weekdays.forEach((weekday: unknown, index) => {
    if (!Number.isInteger(weekday) || (weekday as number) < 1 || (weekday as number) > 7) {
      problems.push(
        `workingHours.weekdays[${index}] is ${JSON.stringify(weekday)}; use 1 (Monday) to 7 (Sunday)`,
      );
    } else if (seen.has(weekday)) {
      problems.push(`workingHours.weekdays lists ${String(weekday)} more than once`);
    }
    seen.add(weekday);
  });
  return problems;
};

interface MinuteSpan {
  label: string;
  start: number;
  end: number;
}

const windowProblems = (windows: unknown): string[] => {
  if (!Array.isArray(windows) || windows.length === 0) {
    return ['workingHours.windows must list at least one window such as 09:00–18:00'];
  }
  const problems: string[] = [];
  const spans: MinuteSpan[] = [];
  windows.forEach((window: unknown, index) => {
    const path = `workingHours.windows[${index}]`;
    if (!isObject(window)) {
      problems.push(`${path} must have a start and an end`);
      return;
    }
    const start = typeof window.start === 'string' ? minuteOfDay(window.start, 'start') : undefined;
    const end = typeof window.end === 'string' ? minuteOfDay(window.end, 'end') : undefined;
    if (start === undefined) {
      problems.push(
        `${path}.start is ${JSON.stringify(window.start)}; use HH:MM from 00:00 to 23:59`,
      );
    }
    if (end === undefined) {
      problems.push(`${path}.end is ${JSON.stringify(window.end)}; use HH:MM from 00:01 to 24:00`);
    }
    if (start === undefined || end === undefined) return;
    if (end <= start) {
      problems.push(
        `${path} ends at ${String(window.end)}, not after its start ${String(window.start)}`,
      );
      return;
    }
    spans.push({ label: `${String(window.start)}–${String(window.end)}`, start, end });
  });
  spans.sort((a, b) => a.start - b.start);
  spans.forEach((span, index) => {
    const previous = spans[index - 1];
    if (previous && span.start < previous.end) {
      problems.push(`workingHours.windows ${previous.label} and ${span.label} overlap`);
    }
  });
  return problems;
};

const overrideProblems = (overrides: unknown): string[] => {
  if (overrides === undefined) return [];
  if (!Array.isArray(overrides)) return ['overrides must be a list of days'];
  const problems: string[] = [];
  const seen = new Set<string>();
  overrides.forEach((override: unknown, index) => {
    const path = `overrides[${index}]`;
    if (!isObject(override)) {
      problems.push(`${path} must have a date and a kind`);
      return;
    }
    if (!isLocalDate(override.date)) {
      problems.push(
        `${path}.date is ${JSON.stringify(override.date)}; use a real date as YYYY-MM-DD`,
      );
    } else if (seen.has(override.date)) {
      problems.push(`overrides list ${override.date} more than once`);
    } else {
      seen.add(override.date);
    }
    if (override.kind !== 'holiday' && override.kind !== 'workday') {
      problems.push(`${path}.kind is ${JSON.stringify(override.kind)}; use 'holiday' or 'workday'`);
    }
    if (override.name !== undefined && typeof override.name !== 'string') {
      problems.push(`${path}.name must be text`);
    }
  });
  return problems;
};

/** Every problem in a calendar's settings, in words an administrator can act on; [] when valid. */
export const validateCalendarSettings = (settings: unknown): string[] => {
  if (!isObject(settings)) return ['calendar settings must be an object'];
  const { workingHours } = settings;
  const usePublicHolidays =
    settings.usePublicHolidays === undefined || typeof settings.usePublicHolidays === 'boolean'
      ? []
      : ['usePublicHolidays must be true or false'];
  return [
    ...timeZoneProblems(settings.timeZone),
    ...(isObject(workingHours)
      ? [...weekdayProblems(workingHours.weekdays), ...windowProblems(workingHours.windows)]
      : ['workingHours must give weekdays and windows']),
    ...overrideProblems(settings.overrides),
    ...usePublicHolidays,
  ];
};
