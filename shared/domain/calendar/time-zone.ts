import { localDateOfUtcReading, requireMidnightAsUtc, type LocalDate } from './local-date';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

export const isKnownTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** What a wall clock in the zone shows at the instant, expressed as if that reading were UTC. */
const wallClockReading = (instant: number, timeZone: string): number => {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value);
  const wholeSeconds = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour') % 24,
    field('minute'),
    field('second'),
  );
  return wholeSeconds + (((instant % 1000) + 1000) % 1000);
};

export const localDateAt = (instant: number, timeZone: string): LocalDate =>
  localDateOfUtcReading(wallClockReading(instant, timeZone));

/**
 * The instant at which the zone's wall clock reads `minute` minutes after midnight of `date`.
 * Offsets are looked up for that date, so daylight-saving changes are honoured. Like Temporal's
 * 'compatible' disambiguation, a reading that occurs twice (clocks turned back) gives the earlier
 * instant, and one skipped by clocks turned forward is moved forward by the length of the gap.
 */
export const instantAt = (date: LocalDate, minute: number, timeZone: string): number => {
  const reading = requireMidnightAsUtc(date) + minute * MINUTE_MS;
  const offsetAt = (instant: number) => wallClockReading(instant, timeZone) - instant;
  const withOffsetBefore = reading - offsetAt(reading - DAY_MS);
  if (wallClockReading(withOffsetBefore, timeZone) === reading) return withOffsetBefore;
  const withOffsetAfter = reading - offsetAt(reading + DAY_MS);
  if (wallClockReading(withOffsetAfter, timeZone) === reading) return withOffsetAfter;
  return withOffsetBefore;
};
