import { describe, expect, it } from 'vitest';
import {
  api,
  expectCleanProblem,
  readWrite,
  tokenFor,
  expectForbiddenByAuthorizer,
  expectGatewayAnswer,
} from '../support/harness';

const current = async (path: string, token: string) =>
  (await api<{ settings: Record<string, unknown>; version: number }>(path, { token })).body;

describe('bad input to the settings and survey read endpoints', () => {
  it.each([
    ['/survey-settings', { throttleDays: 0 }, 400, 'validation-failed'],
    ['/survey-settings', { sendRatePerSecond: 'fast' }, 400, 'validation-failed'],
    ['/survey-settings', { extra: true }, 400, 'validation-failed'],
    ['/survey-settings', { reminderAfterDays: 30, linkValidityDays: 30 }, 422, 'rule-violated'],
    ['/report-settings', { recipients: ['not-an-email'] }, 400, 'validation-failed'],
    ['/report-settings', { targets: { satisfactionRate: 1.5 } }, 400, 'validation-failed'],
    ['/report-settings', { targets: { happiness: 1 } }, 400, 'validation-failed'],
    ['/report-settings', { recipients: ['<script>@x.y'] }, 400, 'validation-failed'],
  ] as const)(
    'PUT %s with %j is refused and changes nothing',
    async (path, change, status, type) => {
      const admin = await tokenFor(['admin']);
      const before = await current(path, admin);
      expectCleanProblem(
        await api(path, { method: 'PUT', token: admin, body: { ...before.settings, ...change } }),
        status,
        type,
      );
      expect(await current(path, admin)).toEqual(before);
    },
  );

  it('refuses oversized, malformed and unauthorised settings writes', async () => {
    const admin = await tokenFor(['admin']);
    expectCleanProblem(
      await api('/survey-settings', { method: 'PUT', token: admin, body: 'x'.repeat(70_000) }),
      413,
      'payload-too-large',
    );
    expectCleanProblem(
      await api('/report-settings', { method: 'PUT', token: admin, body: '{"recipients": [' }),
      400,
      'malformed-json',
    );
    expectForbiddenByAuthorizer(
      await api('/report-settings', { method: 'PUT', token: await readWrite(), body: {} }),
      ['admin'],
    );
  });

  it('accepts the same settings twice and counts versions', async () => {
    const admin = await tokenFor(['admin']);
    const before = await current('/survey-settings', admin);
    for (let time = 1; time <= 2; time++) {
      const put = await api<{ version: number }>('/survey-settings', {
        method: 'PUT',
        token: admin,
        body: before.settings,
      });
      expect(put.status).toBe(200);
      expect(put.body.version).toBe(before.version + time);
    }
  });

  it('answers bad survey ids, unknown surveys and other scopes precisely', async () => {
    const surveys = await tokenFor(['surveys:read']);
    expectGatewayAnswer(await api('/surveys/../../x', { token: surveys }), 404, 'Not Found');
    expectCleanProblem(
      await api('/surveys/not-a-ulid', { token: surveys }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/surveys/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token: surveys }),
      404,
      'not-found',
    );
    expectCleanProblem(
      await api('/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV/surveys', { token: surveys }),
      404,
      'not-found',
    );
    expectCleanProblem(
      await api('/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV/surveys?limit=0', { token: surveys }),
      400,
      'validation-failed',
    );
    expectForbiddenByAuthorizer(
      await api('/surveys/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token: await readWrite() }),
      ['surveys:read'],
    );
  });
});
