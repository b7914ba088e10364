import { describe, expect, it } from 'vitest';
import { fileComplaint, type Complaint } from '../../../shared/domain/complaints/complaint';
import {
  askForConfirmation,
  dueForAutoClose,
  fitOfAnswer,
} from '../../../shared/domain/complaints/confirmation';
import { readConfirmationReply } from '../../../shared/inbound-mail/confirmation-reply';
import { progressView } from '../../../shared/domain/complaints/progress';
import type { TimelineEntry } from '../../../shared/domain/complaints/complaint';

const RESOLVED_AT = new Date('2026-12-03T10:00:00.000Z');

const resolved = (customerAgreed = true, days = 7): Complaint => ({
  ...fileComplaint(
    '01KZ00000000000000000000C1',
    { customerId: '01KZ00000000000000000000U1', channel: 'email', subject: 's', description: 'd' },
    new Date('2026-12-01T02:00:00Z'),
  ),
  status: 'resolved',
  resolution: {
    plan: 'refund',
    customerAgreed,
    resolvedAt: RESOLVED_AT.toISOString(),
    resolvedBy: 'li-na',
  },
  confirmation: askForConfirmation(RESOLVED_AT, customerAgreed, days),
});

describe('confirming a resolution', () => {
  it('closes by silence the given days after the result, never when the customer disagreed', () => {
    expect(askForConfirmation(RESOLVED_AT, true, 7).autoCloseAt).toBe('2026-12-10T10:00:00.000Z');
    expect(askForConfirmation(RESOLVED_AT, false, 7).autoCloseAt).toBeUndefined();
    const complaint = resolved();
    expect(dueForAutoClose(complaint, new Date('2026-12-10T09:59:59Z'))).toBe(false);
    expect(dueForAutoClose(complaint, new Date('2026-12-10T10:00:00Z'))).toBe(true);
    expect(dueForAutoClose(resolved(false), new Date('2027-01-10T10:00:00Z'))).toBe(false);
  });

  it('is no longer due once answered or no longer resolved', () => {
    const later = new Date('2026-12-20T00:00:00Z');
    const answered = resolved();
    answered.confirmation = { ...answered.confirmation!, answer: 'not_solved' };
    expect(dueForAutoClose(answered, later)).toBe(false);
    expect(dueForAutoClose({ ...resolved(), status: 'closed' }, later)).toBe(false);
    expect(dueForAutoClose({ ...resolved(), status: 'reopened' }, later)).toBe(false);
  });

  it('takes solved and not solved on a resolved complaint, only not solved on a closed one', () => {
    const round = RESOLVED_AT.toISOString();
    expect(fitOfAnswer(resolved(), 'solved', round)).toEqual({ fits: true, effect: 'close' });
    expect(fitOfAnswer(resolved(), 'not_solved', round)).toEqual({ fits: true, effect: 'reopen' });
    const closed = { ...resolved(), status: 'closed' as const };
    expect(fitOfAnswer(closed, 'solved', round)).toEqual({ fits: true, effect: 'none' });
    expect(fitOfAnswer(closed, 'not_solved', round)).toEqual({ fits: true, effect: 'reopen' });
  });

  it('refuses answers to an earlier result or while staff work on it again', () => {
    expect(fitOfAnswer(resolved(), 'solved', '2026-11-01T00:00:00.000Z')).toEqual({
      fits: false,
      reason: 'stale',
    });
    const working = { ...resolved(), status: 'in_progress' as const };
    expect(fitOfAnswer(working, 'solved', RESOLVED_AT.toISOString())).toEqual({
      fits: false,
      reason: 'not-resolved',
    });
  });
});

describe('reading a reply to the result', () => {
  it.each([
    ['已解决，谢谢', 'solved'],
    ['问题解决了', 'solved'],
    ['已經解決了，謝謝', 'solved'],
    ['Solved, thank you!', 'solved'],
    ['yes', 'solved'],
    ['没有解决，快递还是没到', 'not_solved'],
    ['未解决', 'not_solved'],
    ['還沒有解決', 'not_solved'],
    ['谢谢，但问题还在', 'not_solved'],
    ['Not solved - it still does not work', 'not_solved'],
    ['The problem has not been resolved', 'not_solved'],
    ['No, still broken', 'not_solved'],
  ])('reads %j as %s', (text, answer) => {
    expect(readConfirmationReply(text)).toBe(answer);
  });

  it.each([
    '',
    '请问什么时候退款？',
    'When will the refund arrive?',
    '已解决一半，还有一件没到吗？没有解决',
  ])('leaves %j for a person', (text) => {
    expect(readConfirmationReply(text)).toBeUndefined();
  });

  it('reads only the first line (the quoted result below names both words)', () => {
    expect(readConfirmationReply('已解决\n\n> 请告诉我们问题是否已经解决：已解决 / 未解决')).toBe(
      'solved',
    );
  });
});

describe('the customer’s view of a complaint', () => {
  const entry = (
    at: string,
    action: string,
    extra: Partial<TimelineEntry> = {},
  ): TimelineEntry => ({
    id: `${action}-${at}`,
    complaintId: '01KZ00000000000000000000C1',
    at,
    actor: 'li-na',
    action,
    ...extra,
  });

  it('shows replies, the result and the customer’s own words, never internal notes', () => {
    const complaint = resolved();
    const view = progressView(complaint, [
      entry('2026-12-01T02:00:00Z', 'filed'),
      entry('2026-12-01T02:01:00Z', 'routed', { note: 'rule delivery' }),
      entry('2026-12-01T02:02:00Z', 'assigned', { note: 'auto' }),
      entry('2026-12-01T03:00:00Z', 'assign', { note: 'internal: give to the senior agent' }),
      entry('2026-12-01T04:00:00Z', 'respond', { note: '已联系快递公司' }),
      entry('2026-12-01T05:00:00Z', 'await_customer', { note: 'internal: ask for the receipt' }),
      entry('2026-12-01T06:00:00Z', 'escalated'),
      entry('2026-12-01T07:00:00Z', 'customer_replied', { note: '收据在附件' }),
      entry('2026-12-03T10:00:00Z', 'resolve', {
        note: 'refund via finance ticket 42',
        details: { messageToCustomer: '已为您退款' },
      }),
    ]);
    expect(view.steps).toEqual([
      { at: '2026-12-01T02:00:00Z', kind: 'filed' },
      { at: '2026-12-01T02:02:00Z', kind: 'assigned' },
      { at: '2026-12-01T04:00:00Z', kind: 'reply', text: '已联系快递公司' },
      { at: '2026-12-01T07:00:00Z', kind: 'customer_message', text: '收据在附件' },
      { at: '2026-12-03T10:00:00Z', kind: 'resolved', text: '已为您退款' },
    ]);
    expect(JSON.stringify(view)).not.toContain('internal');
    expect(view.status).toBe('resolved');
    expect(view.awaitingConfirmation).toEqual({
      round: RESOLVED_AT.toISOString(),
      message: 'refund',
    });
    expect(view.promisedBy).toBeUndefined();
  });

  it('promises the first reply until it is sent, then the resolution', () => {
    const open: Complaint = {
      ...resolved(),
      status: 'assigned',
      resolution: undefined,
      confirmation: undefined,
      sla: {
        policyId: 'standard',
        firstResponse: { afterMs: 1, clock: 'business' },
        resolution: { afterMs: 1, clock: 'calendar' },
        firstResponseDue: '2026-12-02T02:00:00.000Z',
        resolutionDue: '2026-12-03T02:00:00.000Z',
        warnings: [],
        pausedBusinessMs: 0,
        pausedCalendarMs: 0,
        pauses: [],
        raised: [],
      },
    };
    expect(progressView(open, []).promisedBy).toBe('2026-12-02T02:00:00.000Z');
    expect(progressView({ ...open, firstRespondedAt: 'x' }, []).promisedBy).toBe(
      '2026-12-03T02:00:00.000Z',
    );
    expect(progressView(open, []).status).toBe('in_hand');
  });
});
