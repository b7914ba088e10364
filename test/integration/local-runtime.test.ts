import { describe, expect, it } from 'vitest';
import { api, expectCleanProblem } from '../support/harness';

describe('local-only helpers under /_local/', () => {
  it('moves the system clock forward and the API sees the new time', async () => {
    const before = await api<{ now: string }>('/_local/clock');
    const advanced = await api<{ now: string; firedSchedules: string[] }>('/_local/clock/advance', {
      body: { hours: 1 },
    });
    expect(advanced.status).toBe(200);
    const shift = Date.parse(advanced.body.now) - Date.parse(before.body.now);
    expect(shift).toBeGreaterThanOrEqual(3_600_000);
    expect(shift).toBeLessThan(3_600_000 + 60_000);
  });

  it('refuses a clock that would go backwards or nowhere', async () => {
    for (const body of [{ hours: -1 }, { hours: 0 }, { hours: 'soon' }, {}, { hours: 1e9 }]) {
      const response = await api('/_local/clock/advance', { body });
      expect(response.status).toBe(400);
    }
    expectCleanProblem(
      await api('/_local/clock/advance', { body: '{"hours":' }),
      400,
      'malformed-json',
    );
  });

  it('answers 404 for an unknown schedule, naming the known ones', async () => {
    const response = await api('/_local/schedules/nope/run', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ title: 'No such schedule' });
  });
});
