import { monotonicFactory } from 'ulid';
import type { IdSource } from '../domain/ids';
import { systemClock } from './clock';

const nextUlid = monotonicFactory();

/** ULIDs sort by creation time, taken from the (possibly advanced) system clock. */
export const ulidIds: IdSource = { next: () => nextUlid(systemClock.now().getTime()) };
