import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../infra/local/scheduler';

describe('EventBridge Scheduler expressions in the local scheduler', () => {
  it('reads rate expressions', () => {
    expect(parseScheduleExpression('rate(15 minutes)')).toEqual({ kind: 'rate', everyMs: 900_000 });
    expect(parseScheduleExpression('rate(1 day)')).toEqual({ kind: 'rate', everyMs: 86_400_000 });
  });

  it('turns six-field cron into croner patterns, shifting numeric weekdays', () => {
    expect(parseScheduleExpression('cron(0 10 ? * MON-FRI *)')).toEqual({
      kind: 'cron',
      pattern: '0 10 ? * MON-FRI',
    });
    expect(parseScheduleExpression('cron(0/5 * * * ? *)')).toEqual({
      kind: 'cron',
      pattern: '0/5 * * * ?',
    });
    expect(parseScheduleExpression('cron(0 9 ? * 2 *)')).toEqual({
      kind: 'cron',
      pattern: '0 9 ? * 1',
    });
  });

  it('refuses what it cannot read', () => {
    expect(() => parseScheduleExpression('every tuesday')).toThrow(/unsupported/);
    expect(() => parseScheduleExpression('cron(0 10 * *)')).toThrow(/unsupported/);
  });
});
