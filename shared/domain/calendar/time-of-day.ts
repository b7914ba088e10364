const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;
export const MINUTES_PER_DAY = 24 * 60;

/**
 * Minutes since midnight for 'HH:MM' (00:00 … 23:59), or undefined when malformed. '24:00' is
 * accepted only as the end of a window, so that a window can run to the end of the day.
 */
export const minuteOfDay = (time: string, role: 'start' | 'end'): number | undefined => {
  const match = TIME_OF_DAY.exec(time);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (role === 'end' && hours === 24 && minutes === 0) return MINUTES_PER_DAY;
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
};
