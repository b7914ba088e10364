import { describe, expect, it } from 'vitest';
import { recordInteraction } from '../../../shared/domain/customers/interaction';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const input = (occurredAt: string) => ({
  channel: 'phone' as const,
  occurredAt,
  need: ' 退货 ',
  staff: 'agent-1',
});

describe('recordInteraction', () => {
  it('normalizes the time to UTC and trims text', () => {
    const recorded = recordInteraction(
      'I1',
      'C1',
      input('2026-11-01T15:00:00+08:00'),
      'agent-1',
      NOW,
    );
    expect(recorded).toMatchObject({
      occurredAt: '2026-11-01T07:00:00.000Z',
      need: '退货',
      recordedAt: NOW.toISOString(),
      recordedBy: 'agent-1',
    });
  });

  it('accepts a few minutes of clock skew but not the future', () => {
    expect(() =>
      recordInteraction('I1', 'C1', input('2026-11-01T08:04:00Z'), 'a', NOW),
    ).not.toThrow();
    expect(() => recordInteraction('I1', 'C1', input('2026-11-01T08:06:00Z'), 'a', NOW)).toThrow(
      /future/,
    );
  });
});
