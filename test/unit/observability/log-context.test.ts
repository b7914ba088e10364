import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../../infra/local/lambda-runtime';
import { lambdaContext } from '../../support/lambda-context';

type LogLine = Record<string, unknown>;

/** The logger and wrappers as fresh modules (cold start is per instance), lines captured. */
const load = async () => {
  const lines: LogLine[] = [];
  vi.stubEnv('POWERTOOLS_DEV', undefined);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  // What Lambda sets for a function without provisioned concurrency (and `npm start` too).
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    return true;
  });
  vi.resetModules();
  const logging = await import('../../../shared/adapters/logger');
  const jobs = await import('../../../shared/messaging/scheduled-job');
  return { ...logging, ...jobs, lines };
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const httpEvent = (requestId: string) => ({ requestContext: { requestId } });

describe('withLogContext', () => {
  it('puts the invocation on every line: function, request id, cold start once', async () => {
    const { logger, withLogContext, lines } = await load();
    const handler = withLogContext(async (_event: unknown) => {
      logger.info('working');
      return 'done';
    });
    expect(await handler({}, lambdaContext('kefu-prod-surveys-send-surveys', 'req-a'))).toBe(
      'done',
    );
    await handler({}, lambdaContext('kefu-prod-surveys-send-surveys', 'req-b'));
    expect(lines.map((line) => line.message)).toEqual(['working', 'working']);
    expect(lines[0]).toMatchObject({
      function_name: 'kefu-prod-surveys-send-surveys',
      function_request_id: 'req-a',
      cold_start: true,
      correlation_id: 'req-a',
    });
    expect(lines[1]).toMatchObject({ function_request_id: 'req-b', cold_start: false });
  });

  it('correlates an HTTP request by the API Gateway request id (the problem instance)', async () => {
    const { logger, withLogContext, apiRequestIdOf, lines } = await load();
    const handler = withLogContext(async (_event: { requestContext?: { requestId?: string } }) => {
      logger.info('request');
    }, apiRequestIdOf);
    await handler(httpEvent('Xk2JcjQ3oAMEb3g='), lambdaContext('f', 'lambda-req'));
    await handler({}, lambdaContext('f', 'lambda-req-2'));
    expect(lines.map((line) => line.correlation_id)).toEqual(['Xk2JcjQ3oAMEb3g=', 'lambda-req-2']);
  });

  it('drops keys added during an invocation, even when it throws', async () => {
    const { logger, withLogContext, lines } = await load();
    const handler = withLogContext(async (event: { fail: boolean }) => {
      logger.appendKeys({ complaintId: 'C1' });
      logger.info('inside');
      if (event.fail) throw new Error('boom');
    });
    await expect(handler({ fail: true }, lambdaContext())).rejects.toThrow('boom');
    const next = withLogContext(async () => logger.info('next'));
    await next({}, lambdaContext('f', 'req-2'));
    expect(lines[0]).toMatchObject({ message: 'inside', complaintId: 'C1' });
    expect(lines[1]?.message).toBe('next');
    expect(lines[1]).not.toHaveProperty('complaintId');
  });

  it('marks what it wraps, and only that', async () => {
    const { withLogContext, logsWithContext } = await load();
    const plain = async () => 'x';
    expect(logsWithContext(plain)).toBe(false);
    expect(logsWithContext(withLogContext(plain))).toBe(true);
    expect(logsWithContext(undefined)).toBe(false);
  });
});

describe('scheduledJob', () => {
  it('logs the counts of the run under its name, with the context, and returns them', async () => {
    const { scheduledJob, logsWithContext, lines } = await load();
    const job = scheduledJob('auto-close sweep', async () => ({ checked: 3, closed: 1 }));
    expect(logsWithContext(job)).toBe(true);
    expect(await job({}, lambdaContext('kefu-prod-complaints-auto-close-complaints'))).toEqual({
      checked: 3,
      closed: 1,
    });
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'auto-close sweep',
        checked: 3,
        closed: 1,
        function_name: 'kefu-prod-complaints-auto-close-complaints',
      }),
    ]);
  });
});

// Every handler of the manifest passes this check whenever the local stack starts (it preloads
// them all), so each integration test file proves the wiring logs with context.
describe('the local runtime', () => {
  it('refuses a handler that would log without its Lambda context', async () => {
    await expect(
      invoke('test/support/fixtures/handler-without-log-context.ts', {}),
    ).rejects.toThrow(/does not log with its Lambda context/);
  });
});
