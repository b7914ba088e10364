/**
 * How far into a span (a revisit's window, an improvement action's time to its due date) its
 * owner is warned that the deadline nears: the "e.g. at 80 %", once.
 */
export const WARNING_SHARE = 0.8;

/** The warning's moment: 80 % of the way from `start` to `deadline`. */
export const warningMoment = (start: string, deadline: string): string => {
  const from = Date.parse(start);
  return new Date(from + Math.floor((Date.parse(deadline) - from) * WARNING_SHARE)).toISOString();
};
