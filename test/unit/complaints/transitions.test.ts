import { describe, expect, it } from 'vitest';
import {
  applyAction,
  assignOwner,
  markRouted,
  markUnassignable,
  raiseSlaCheckpoints,
  recordCustomerMessage,
} from '../../../shared/domain/complaints/transitions';
import { DomainError } from '../../../shared/domain/errors';
import { complaintFixture } from '../../support/complaint-fixture';

const now = new Date('2031-04-02T03:00:00.000Z');
const at = now.toISOString();

describe('the next state of a complaint', () => {
  it('after an action: the changes, the lifecycle status, one version on, the time', () => {
    const complaint = complaintFixture({ status: 'assigned' });
    const next = applyAction(complaint, 'respond', { firstRespondedAt: at }, now);
    expect(next).toMatchObject({
      status: 'in_progress',
      firstRespondedAt: at,
      updatedAt: at,
      version: complaint.version + 1,
    });
    expect(complaint.status).toBe('assigned');
  });

  it('refuses an action the lifecycle does not allow, with a rule-violated error', () => {
    const closed = complaintFixture({ status: 'closed' });
    expect(() => applyAction(closed, 'respond', {}, now)).toThrow(DomainError);
  });

  it('routed: department, category, priority and SLA set, status routed', () => {
    const received = complaintFixture({
      status: 'received',
      department: undefined,
      sla: undefined,
    });
    const sla = complaintFixture().sla!;
    const next = markRouted(
      received,
      { department: 'finance', category: 'billing', priority: 'P1', sla },
      now,
    );
    expect(next).toMatchObject({ status: 'routed', department: 'finance', priority: 'P1', sla });
    expect(next.version).toBe(received.version + 1);
  });

  it('assigned by the queue: owner set, the waiting warning gone', () => {
    const routed = complaintFixture({
      status: 'routed',
      ownerId: undefined,
      unassignable: { department: 'logistics', reason: 'no-staff', since: at },
    });
    const next = assignOwner(routed, 'wang-fang', now);
    expect(next).toMatchObject({ status: 'assigned', ownerId: 'wang-fang', updatedAt: at });
    expect(next).not.toHaveProperty('unassignable');
  });

  it('marked unassignable: the warning, the same status and updatedAt, one version on', () => {
    const routed = complaintFixture({ status: 'routed', ownerId: undefined });
    const next = markUnassignable(routed, 'logistics', 'nobody-on-duty', now);
    expect(next.unassignable).toEqual({
      department: 'logistics',
      reason: 'nobody-on-duty',
      since: at,
    });
    expect(next.status).toBe('routed');
    expect(next.updatedAt).toBe(routed.updatedAt);
    expect(next.version).toBe(routed.version + 1);
  });

  it('after the SLA sweep raised a breach: remembered, dated, escalated, updated', () => {
    const complaint = complaintFixture();
    const refreshed = {
      firstResponseDue: '2031-04-01T10:00:00.000Z',
      resolutionDue: complaint.sla!.resolutionDue,
      warnings: ['w'],
    };
    const next = raiseSlaCheckpoints(
      complaint,
      {
        refreshed,
        due: [
          { key: 'firstResponse:breach', at, kind: 'breach', target: 'firstResponse' },
          { key: 'escalation:2', at, kind: 'escalation', target: 'firstResponse', level: 2 },
        ],
        nextCheckAt: '2031-04-02T09:00:00.000Z',
      },
      now,
    );
    expect(next.sla!.raised).toEqual([
      'firstResponse:warning',
      'firstResponse:breach',
      'escalation:2',
    ]);
    expect(next.sla).toMatchObject({ ...refreshed, nextCheckAt: '2031-04-02T09:00:00.000Z' });
    expect(next).toMatchObject({ breachedAt: at, escalationLevel: 2, updatedAt: at });
  });

  it('after the SLA sweep only refreshed deadlines: updatedAt and the first breach stay', () => {
    const complaint = complaintFixture({ breachedAt: '2031-04-01T09:00:00.000Z' });
    const next = raiseSlaCheckpoints(
      complaint,
      { refreshed: complaint.sla!, due: [], nextCheckAt: undefined },
      now,
    );
    expect(next.updatedAt).toBe(complaint.updatedAt);
    expect(next.breachedAt).toBe('2031-04-01T09:00:00.000Z');
    expect(next.escalationLevel).toBe(complaint.escalationLevel);
    expect(next.version).toBe(complaint.version + 1);
  });

  it('after a customer message: the same status, one version on', () => {
    const complaint = complaintFixture();
    expect(recordCustomerMessage(complaint, now)).toMatchObject({
      status: complaint.status,
      updatedAt: at,
      version: complaint.version + 1,
    });
  });
});
