import type { Clock } from '../domain/clock';

let offsetMs = 0;

/** Wall-clock time, shifted by the local runtime's `/_local/clock/advance` (always 0 on AWS). */
export const systemClock: Clock = { now: () => new Date(Date.now() + offsetMs) };

export const advanceSystemClock = (ms: number): void => {
  offsetMs += ms;
};

export const systemClockOffsetMs = (): number => offsetMs;
