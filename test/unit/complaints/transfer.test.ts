import { describe, expect, it } from 'vitest';
import { whyUnassignable } from '../../../shared/domain/complaints/assignment';
import { COMPLAINT_STATUSES } from '../../../shared/domain/complaints/lifecycle';
import {
  checkTransfer,
  firstDepartment,
  isTransferable,
  slaCalendarDepartment,
  transferComplaint,
  transferCount,
} from '../../../shared/domain/complaints/transfer';
import { DomainError } from '../../../shared/domain/errors';
import { complaintFixture } from '../../support/complaint-fixture';

const complaint = complaintFixture;

const refusal = (run: () => void): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('transferring a complaint to another department', () => {
  it('is allowed while routed or being worked, never once received, resolved or closed', () => {
    expect(COMPLAINT_STATUSES.filter(isTransferable)).toEqual([
      'routed',
      'assigned',
      'in_progress',
      'waiting_on_customer',
      'reopened',
    ]);
    for (const status of ['resolved', 'closed'] as const) {
      const error = refusal(() => checkTransfer(complaint({ status }), 'sales'));
      expect(error.kind).toBe('rule-violated');
      expect(error.message).toBe(
        `A complaint that is ${status} cannot be transferred; reopen it first.`,
      );
    }
    expect(
      refusal(() =>
        checkTransfer(complaint({ status: 'received', department: undefined }), 'sales'),
      ).message,
    ).toMatch(/has no department yet/);
  });

  it('refuses the department it is already in, naming the field', () => {
    const error = refusal(() => checkTransfer(complaint(), 'logistics'));
    expect(error.kind).toBe('rule-violated');
    expect(error.message).toBe('The complaint is already in the logistics department.');
    expect(error.details).toEqual({ fields: ['department'] });
    expect(() => checkTransfer(complaint(), 'sales')).not.toThrow();
  });

  it('routes it again there without an owner, remembering the move; deadlines stay', () => {
    const before = complaint({
      unassignable: { department: 'logistics', reason: 'nobody-on-duty', since: 'x' },
    });
    const after = transferComplaint(
      before,
      'sales',
      'supervisor-1',
      new Date('2031-04-01T05:00:00Z'),
    );
    expect(after).toMatchObject({
      status: 'routed',
      department: 'sales',
      transfers: [
        { from: 'logistics', to: 'sales', at: '2031-04-01T05:00:00.000Z', by: 'supervisor-1' },
      ],
      priority: 'P2',
      escalationLevel: 1,
      version: 5,
      updatedAt: '2031-04-01T05:00:00.000Z',
    });
    expect(after.ownerId).toBeUndefined();
    expect(after.unassignable).toBeUndefined();
    expect(after.sla).toEqual(before.sla);
    expect(transferCount(before)).toBe(0);
    expect(transferCount(after)).toBe(1);
  });

  it('counts the deadlines on the calendar of the department first routed to', () => {
    const once = transferComplaint(complaint(), 'sales', 'a', new Date('2031-04-01T05:00:00Z'));
    const twice = transferComplaint(
      { ...once, status: 'assigned', ownerId: 'b' },
      'finance',
      'b',
      new Date('2031-04-01T06:00:00Z'),
    );
    expect(transferCount(twice)).toBe(2);
    expect(twice.department).toBe('finance');
    expect(firstDepartment(twice)).toBe('logistics');
    expect(slaCalendarDepartment(twice)).toBe('logistics');
    expect(slaCalendarDepartment(complaint())).toBe('logistics');
  });
});

describe('why nobody can be assigned', () => {
  it('names the missing department, the missing staff, or staff all off duty', () => {
    expect(whyUnassignable(false, 0)).toBe('department-not-configured');
    expect(whyUnassignable(true, 0)).toBe('no-staff');
    expect(whyUnassignable(true, 2)).toBe('nobody-on-duty');
    expect(whyUnassignable(false, 2)).toBe('nobody-on-duty');
  });
});
