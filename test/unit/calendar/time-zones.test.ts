import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../shared/domain/calendar/business-calendar';
import { hours, type CalendarSettings } from '../../../shared/domain/calendar/settings';

const zoned = (
  timeZone: string,
  windows: CalendarSettings['workingHours']['windows'] = [{ start: '09:00', end: '17:00' }],
  weekdays = [1, 2, 3, 4, 5],
) =>
  new BusinessCalendar({ timeZone, workingHours: { weekdays, windows }, usePublicHolidays: false });

describe('Europe/Berlin across daylight-saving changes', () => {
  const berlin = zoned('Europe/Berlin');

  it('moves from CET on Friday to CEST on Monday (clocks forward on 2026-03-29)', () => {
    expect(berlin.addBusinessTime(new Date('2026-03-27T16:00:00+01:00'), hours(2)).at).toEqual(
      new Date('2026-03-30T10:00:00+02:00'),
    );
  });

  it('moves from CEST on Friday to CET on Monday (clocks back on 2026-10-25)', () => {
    expect(berlin.addBusinessTime(new Date('2026-10-23T16:00:00+02:00'), hours(2)).at).toEqual(
      new Date('2026-10-26T10:00:00+01:00'),
    );
  });

  it('counts the real length of a night window on the days the clocks change', () => {
    const nightShift = zoned('Europe/Berlin', [{ start: '01:00', end: '04:00' }], [7]);
    const sundayNight = (date: string, offset: string, nextOffset: string) =>
      nightShift.businessTimeBetween(
        new Date(`${date}T00:00:00${offset}`),
        new Date(`${date}T05:00:00${nextOffset}`),
      ).ms;
    expect(sundayNight('2026-03-22', '+01:00', '+01:00')).toBe(hours(3));
    expect(sundayNight('2026-03-29', '+01:00', '+02:00')).toBe(hours(2));
    expect(sundayNight('2026-10-25', '+02:00', '+01:00')).toBe(hours(4));
  });

  it('drops a window that falls entirely into the skipped hour', () => {
    const skipped = zoned('Europe/Berlin', [{ start: '02:00', end: '03:00' }], [7]);
    const sunday = new Date('2026-03-29T00:00:00+01:00');
    expect(skipped.businessTimeBetween(sunday, new Date('2026-03-30T00:00:00+02:00')).ms).toBe(0);
    expect(skipped.addBusinessTime(sunday, hours(1)).at).toEqual(
      new Date('2026-04-05T03:00:00+02:00'),
    );
  });
});

describe('zones west of Greenwich and with odd offsets', () => {
  it('reads the local date, not the UTC date (America/Los_Angeles)', () => {
    const losAngeles = zoned('America/Los_Angeles');
    // 2026-03-10T23:00Z is Tuesday 16:00 PDT; the UTC date is already Wednesday.
    expect(losAngeles.addBusinessTime(new Date('2026-03-10T23:00:00Z'), hours(2)).at).toEqual(
      new Date('2026-03-11T10:00:00-07:00'),
    );
    expect(losAngeles.isWorkingTime(new Date('2026-03-11T00:30:00Z'))).toBe(false);
    expect(losAngeles.isWorkingTime(new Date('2026-03-10T16:30:00Z'))).toBe(true);
  });

  it('handles a quarter-hour offset (Asia/Kathmandu, +05:45)', () => {
    const kathmandu = zoned('Asia/Kathmandu');
    expect(kathmandu.addBusinessTime(new Date('2026-03-10T01:00:00Z'), hours(1)).at).toEqual(
      new Date('2026-03-10T10:00:00+05:45'),
    );
  });

  it('reads Chinese holidays on the Beijing date of an instant', () => {
    const shanghai = new BusinessCalendar({
      timeZone: 'Asia/Shanghai',
      workingHours: {
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        windows: [{ start: '00:00', end: '24:00' }],
      },
    });
    // 2026-09-30T16:30Z is already 10-01 00:30 in Beijing: National Day.
    expect(shanghai.isWorkingTime(new Date('2026-09-30T15:30:00Z'))).toBe(true);
    expect(shanghai.isWorkingTime(new Date('2026-09-30T16:30:00Z'))).toBe(false);
    expect(shanghai.addBusinessTime(new Date('2026-09-30T15:00:00Z'), hours(2)).at).toEqual(
      new Date('2026-10-08T01:00:00+08:00'),
    );
  });
});
