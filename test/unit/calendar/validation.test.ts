import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../../shared/domain/calendar/settings';
import { validateCalendarSettings } from '../../../shared/domain/calendar/validation';

const withHours = (workingHours: unknown) => ({ ...DEFAULT_CALENDAR, workingHours });
const withWindows = (...windows: unknown[]) => withHours({ weekdays: [1, 2, 3, 4, 5], windows });
const withOverrides = (...overrides: unknown[]) => ({ ...DEFAULT_CALENDAR, overrides });

describe('validateCalendarSettings', () => {
  it('accepts the default calendar and a full-day window', () => {
    expect(validateCalendarSettings(DEFAULT_CALENDAR)).toEqual([]);
    expect(validateCalendarSettings(withWindows({ start: '00:00', end: '24:00' }))).toEqual([]);
    expect(
      validateCalendarSettings(
        withWindows({ start: '09:00', end: '12:00' }, { start: '12:00', end: '18:00' }),
      ),
    ).toEqual([]);
  });

  it.each([
    ['not an object', null, 'calendar settings must be an object'],
    [
      'an unknown time zone',
      { ...DEFAULT_CALENDAR, timeZone: 'Asia/Beijing' },
      'timeZone "Asia/Beijing" is not a known IANA time zone',
    ],
    [
      'a missing time zone',
      { ...DEFAULT_CALENDAR, timeZone: '' },
      'timeZone must be an IANA time zone name',
    ],
    [
      'no working hours',
      { ...DEFAULT_CALENDAR, workingHours: undefined },
      'workingHours must give weekdays and windows',
    ],
    [
      'weekday 0',
      withHours({ weekdays: [0, 1], windows: [{ start: '09:00', end: '18:00' }] }),
      'workingHours.weekdays[0] is 0; use 1 (Monday) to 7 (Sunday)',
    ],
    [
      'weekday 8',
      withHours({ weekdays: [8], windows: [{ start: '09:00', end: '18:00' }] }),
      'workingHours.weekdays[0] is 8; use 1 (Monday) to 7 (Sunday)',
    ],
    [
      'a repeated weekday',
      withHours({ weekdays: [1, 1], windows: [{ start: '09:00', end: '18:00' }] }),
      'workingHours.weekdays lists 1 more than once',
    ],
    [
      'no windows',
      withWindows(),
      'workingHours.windows must list at least one window such as 09:00–18:00',
    ],
    [
      'a malformed start',
      withWindows({ start: '9:00', end: '18:00' }),
      'workingHours.windows[0].start is "9:00"; use HH:MM from 00:00 to 23:59',
    ],
    [
      'an impossible end',
      withWindows({ start: '09:00', end: '18:60' }),
      'workingHours.windows[0].end is "18:60"; use HH:MM from 00:01 to 24:00',
    ],
    [
      'a start at 24:00',
      withWindows({ start: '24:00', end: '24:00' }),
      'workingHours.windows[0].start is "24:00"; use HH:MM from 00:00 to 23:59',
    ],
    [
      'an end before its start',
      withWindows({ start: '18:00', end: '09:00' }),
      'workingHours.windows[0] ends at 09:00, not after its start 18:00',
    ],
    [
      'an empty window',
      withWindows({ start: '09:00', end: '09:00' }),
      'workingHours.windows[0] ends at 09:00, not after its start 09:00',
    ],
    [
      'overlapping windows',
      withWindows({ start: '13:00', end: '18:00' }, { start: '09:00', end: '13:30' }),
      'workingHours.windows 09:00–13:30 and 13:00–18:00 overlap',
    ],
    [
      'a window without times',
      withWindows('09:00-18:00'),
      'workingHours.windows[0] must have a start and an end',
    ],
    [
      'an impossible date',
      withOverrides({ date: '2026-02-29', kind: 'holiday' }),
      'overrides[0].date is "2026-02-29"; use a real date as YYYY-MM-DD',
    ],
    [
      'a date in another format',
      withOverrides({ date: '2026/10/01', kind: 'holiday' }),
      'overrides[0].date is "2026/10/01"; use a real date as YYYY-MM-DD',
    ],
    [
      'a repeated date',
      withOverrides(
        { date: '2026-10-01', kind: 'holiday' },
        { date: '2026-10-01', kind: 'workday' },
      ),
      'overrides list 2026-10-01 more than once',
    ],
    [
      'an unknown kind',
      withOverrides({ date: '2026-10-01', kind: 'vacation' }),
      `overrides[0].kind is "vacation"; use 'holiday' or 'workday'`,
    ],
    [
      'a name that is not text',
      withOverrides({ date: '2026-10-01', kind: 'holiday', name: 7 }),
      'overrides[0].name must be text',
    ],
    [
      'overrides that are not a list',
      { ...DEFAULT_CALENDAR, overrides: {} },
      'overrides must be a list of days',
    ],
    [
      'usePublicHolidays that is not a boolean',
      { ...DEFAULT_CALENDAR, usePublicHolidays: 'yes' },
      'usePublicHolidays must be true or false',
    ],
  ])('reports %s', (_case, settings, problem) => {
    expect(validateCalendarSettings(settings)).toEqual([problem]);
  });

  it('reports every problem at once', () => {
    expect(
      validateCalendarSettings({
        timeZone: 'Nowhere',
        workingHours: { weekdays: [9], windows: [{ start: '18:00', end: '09:00' }] },
        overrides: [{ date: 'tomorrow', kind: 'holiday' }],
      }),
    ).toHaveLength(4);
  });
});
