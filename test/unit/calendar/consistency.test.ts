import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../shared/domain/calendar/business-calendar';
import {
  DEFAULT_CALENDAR,
  hours,
  type CalendarSettings,
} from '../../../shared/domain/calendar/settings';

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const lunchBreak = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

const calendars: [string, CalendarSettings][] = [
  ['default (Asia/Shanghai, public holidays)', DEFAULT_CALENDAR],
  [
    'lunch break and overrides',
    {
      ...DEFAULT_CALENDAR,
      workingHours: { weekdays: [1, 2, 3, 4, 5, 6], windows: lunchBreak },
      overrides: [
        { date: '2026-10-02', kind: 'workday' },
        { date: '2026-06-01', kind: 'holiday' },
      ],
    },
  ],
  [
    'Europe/Berlin',
    {
      timeZone: 'Europe/Berlin',
      workingHours: { weekdays: [1, 2, 3, 4, 5], windows: lunchBreak },
      usePublicHolidays: false,
    },
  ],
];

describe.each(calendars)('addBusinessTime and businessTimeBetween agree: %s', (_name, settings) => {
  const calendar = new BusinessCalendar(settings);
  const random = seeded(20_261_001);
  const earliest = Date.parse('2025-12-01T00:00:00Z');
  const latest = Date.parse('2027-02-01T00:00:00Z');

  it('for 400 pseudo-random starts and durations', () => {
    for (let sample = 0; sample < 400; sample++) {
      const wholeMinutes = sample % 2 === 0;
      const startTime = earliest + random() * (latest - earliest);
      const start = new Date(wholeMinutes ? Math.floor(startTime / 60_000) * 60_000 : startTime);
      const duration = wholeMinutes
        ? Math.floor(random() * 7_200) * 60_000
        : Math.floor(random() * hours(120));
      const label = `${start.toISOString()} + ${duration} ms`;

      const { at, warnings } = calendar.addBusinessTime(start, duration);
      const between = calendar.businessTimeBetween(start, at);

      expect(between.ms, label).toBe(duration);
      expect(between.warnings, label).toEqual(warnings);
      expect(at.getTime(), label).toBeGreaterThanOrEqual(start.getTime());
      if (duration > 0) {
        expect(calendar.isWorkingTime(new Date(at.getTime() - 1)), label).toBe(true);
      }
    }
  });
});
