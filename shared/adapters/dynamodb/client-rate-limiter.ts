import { tableName } from './document-client';
import { countInWindow } from './window-counter';

const WINDOW_SECONDS = 60;

/**
 * Requests each integrator client may make per minute (`INTEGRATOR_REQUESTS_PER_MINUTE`, default
 * 600). API Gateway's HTTP APIs throttle per route, not per client, so this is Kefu's own.
 */
export const requestsPerMinute = (): number => {
  const configured = Number(process.env.INTEGRATOR_REQUESTS_PER_MINUTE);
  return Number.isInteger(configured) && configured > 0 ? configured : 600;
};

/**
 * A fixed one-minute window per client, counted with one atomic ADD per request. Returns the
 * seconds to wait once the client is over its limit, else 0.
 */
export class DynamoClientRateLimiter {
  constructor(private readonly table: string = tableName()) {}

  async take(clientId: string, now = Date.now()): Promise<number> {
    const seconds = Math.floor(now / 1000);
    const windowStart = seconds - (seconds % WINDOW_SECONDS);
    const requests = await countInWindow(
      this.table,
      { pk: `CLIENT_RATE#${clientId}`, sk: `WINDOW#${windowStart}` },
      'ClientRateWindow',
      windowStart + 2 * WINDOW_SECONDS,
    );
    return requests > requestsPerMinute() ? windowStart + WINDOW_SECONDS - seconds : 0;
  }
}
