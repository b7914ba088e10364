import { beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintActor } from '../../../shared/domain/complaints/access';
import type { Complaint } from '../../../shared/domain/complaints/complaint';
import { DomainError } from '../../../shared/domain/errors';
import {
  assignTo,
  close,
  reopen,
  resolve,
  respond,
  transfer,
} from '../../../shared/services/complaints/action-service';
import { assignRoutedComplaint } from '../../../shared/services/complaints/assignment-service';
import { forgetCalendars } from '../../../shared/services/complaints/calendar-source';
import { answerResolution } from '../../../shared/services/complaints/customer-voice-service';
import { fileNewComplaint } from '../../../shared/services/complaints/intake-service';
import { routeReceivedComplaint } from '../../../shared/services/complaints/routing-service';
import { complaintWorld, type ComplaintWorld } from '../../support/fakes/complaint-world';

const DAY_MS = 86_400_000;
const admin: ComplaintActor = { subject: 'admin-1', role: 'admin', department: undefined };
const logisticsAgent: ComplaintActor = {
  subject: 'li-na',
  role: 'staff',
  department: 'logistics',
};
const financeAgent: ComplaintActor = { subject: 'zhao-lei', role: 'staff', department: 'finance' };

let world: ComplaintWorld;

beforeEach(() => {
  forgetCalendars();
  world = complaintWorld();
  world.customers.seed('K1');
  world.organization.seedDepartment('logistics', [
    { id: 'li-na', openComplaints: 2 },
    { id: 'wang-fang', openComplaints: 0 },
    { id: 'off-duty', onDuty: false },
  ]);
  world.organization.seedDepartment('finance', [{ id: 'zhao-lei' }]);
});

const stored = async (id: string): Promise<Complaint> => (await world.complaints.get(id))!;
const openWorkOf = (staffId: string) => world.organization.staff.get(staffId)!.openComplaints;
const actionsOf = (id: string) =>
  world.complaints.entries.filter((entry) => entry.complaintId === id).map((e) => e.action);

/** A delivery complaint filed, routed (to logistics) and assigned by the queue. */
const assignedComplaint = async (): Promise<Complaint> => {
  const filed = await fileNewComplaint(
    world.deps,
    { customerId: 'K1', channel: 'web', subject: '快递没收到', description: 'parcel missing' },
    'agent-1',
  );
  expect(await routeReceivedComplaint(world.deps, filed.id)).toBe('routed');
  expect(await assignRoutedComplaint(world.deps, filed.id)).toBe('assigned');
  return stored(filed.id);
};

describe('filing a complaint', () => {
  it('stores it as received with its ComplaintFiled event and a filed timeline entry', async () => {
    const filed = await fileNewComplaint(
      world.deps,
      { customerId: 'K1', channel: 'email', subject: ' Broken ', description: 'It broke.' },
      'agent-1',
    );
    expect(await stored(filed.id)).toMatchObject({
      status: 'received',
      subject: 'Broken',
      customerId: 'K1',
      version: 1,
    });
    expect(world.outbox.ofType('ComplaintFiled')[0]?.detail).toMatchObject({
      complaintId: filed.id,
      customerId: 'K1',
      channel: 'email',
    });
    expect(actionsOf(filed.id)).toEqual(['filed']);
  });

  it('refuses a customer the archive does not know, writing nothing', async () => {
    await expect(
      fileNewComplaint(
        world.deps,
        { customerId: 'nobody', channel: 'web', subject: 's', description: 'd' },
        'agent-1',
      ),
    ).rejects.toMatchObject({ kind: 'rule-violated' });
    expect(world.complaints.complaints.size).toBe(0);
    expect(world.outbox.events).toEqual([]);
  });

  it('matches an inline customer by email instead of registering them twice', async () => {
    const customer = { name: 'Chen Jing', email: 'chen@example.test' };
    const first = await fileNewComplaint(
      world.deps,
      { customer, channel: 'web', subject: 's', description: 'd' },
      'web',
    );
    const second = await fileNewComplaint(
      world.deps,
      { customer, channel: 'web', subject: 's2', description: 'd2' },
      'web',
    );
    expect(second.customerId).toBe(first.customerId);
    expect(world.outbox.ofType('CustomerCreated')).toHaveLength(1);
  });
});

describe('routing and assignment', () => {
  it('routes by the rules, plans the SLA, and routes a redelivered message only once', async () => {
    const filed = await fileNewComplaint(
      world.deps,
      { customerId: 'K1', channel: 'web', subject: 'refund please', description: 'charged twice' },
      'agent-1',
    );
    expect(await routeReceivedComplaint(world.deps, filed.id)).toBe('routed');
    expect(await routeReceivedComplaint(world.deps, filed.id)).toBe('already-routed');
    const routed = await stored(filed.id);
    expect(routed).toMatchObject({ status: 'routed', department: 'finance', category: 'billing' });
    expect(Date.parse(routed.sla!.firstResponseDue)).toBeGreaterThan(Date.parse(routed.receivedAt));
    expect(world.outbox.ofType('ComplaintRouted')).toHaveLength(1);
  });

  it('gives the complaint to whoever on duty has the least open work, counting it', async () => {
    const complaint = await assignedComplaint();
    expect(complaint).toMatchObject({ status: 'assigned', ownerId: 'wang-fang' });
    expect(openWorkOf('wang-fang')).toBe(1);
    expect(world.organization.departments.get('logistics')?.lastAssignedStaffId).toBe('wang-fang');
    expect(await assignRoutedComplaint(world.deps, complaint.id)).toBe('already-assigned');
    expect(openWorkOf('wang-fang')).toBe(1);
  });

  it('says once that nobody can take it when nobody is on duty', async () => {
    world.organization.seedDepartment('logistics', [{ id: 'off-duty', onDuty: false }]);
    world.organization.staff.delete('li-na');
    world.organization.staff.delete('wang-fang');
    const filed = await fileNewComplaint(
      world.deps,
      { customerId: 'K1', channel: 'web', subject: 'parcel lost', description: 'courier' },
      'agent-1',
    );
    await routeReceivedComplaint(world.deps, filed.id);
    expect(await assignRoutedComplaint(world.deps, filed.id)).toBe('nobody-on-duty');
    expect(await assignRoutedComplaint(world.deps, filed.id)).toBe('nobody-on-duty');
    expect((await stored(filed.id)).unassignable).toMatchObject({
      department: 'logistics',
      reason: 'nobody-on-duty',
    });
    expect(world.outbox.ofType('ComplaintUnassignable')).toHaveLength(1);
  });
});

describe('staff acting on a complaint', () => {
  it('responds: in progress, the first response timed once', async () => {
    const complaint = await assignedComplaint();
    world.clock.advance(3_600_000);
    const first = await respond(world.deps, logisticsAgent, complaint.id, 'We are on it.');
    expect(first).toMatchObject({ status: 'in_progress', version: complaint.version + 1 });
    expect(first.firstRespondedAt).toBe(world.clock.now().toISOString());
    expect(first.firstResponseBusinessMs).toBeGreaterThan(0);
    expect(first.firstResponderId).toBe(logisticsAgent.subject);
    world.clock.advance(3_600_000);
    const second = await respond(world.deps, logisticsAgent, complaint.id, 'Still on it.');
    expect(second.firstRespondedAt).toBe(first.firstRespondedAt);
    expect(second.firstResponderId).toBe(first.firstResponderId);
    expect(
      world.outbox.ofType('ComplaintResponded').map((event) => event.detail.firstResponse),
    ).toEqual([true, false]);
  });

  it('hides a complaint of another department (404, not 403) and changes nothing', async () => {
    const complaint = await assignedComplaint();
    await expect(respond(world.deps, financeAgent, complaint.id, 'hi')).rejects.toMatchObject({
      kind: 'not-found',
    });
    expect((await stored(complaint.id)).version).toBe(complaint.version);
  });

  it('assigns by hand: the open work moves from the old owner to the new one', async () => {
    const complaint = await assignedComplaint();
    const next = await assignTo(world.deps, logisticsAgent, complaint.id, 'li-na', 'knows it');
    expect(next.ownerId).toBe('li-na');
    expect(openWorkOf('wang-fang')).toBe(0);
    expect(openWorkOf('li-na')).toBe(3);
    expect(world.outbox.ofType('ComplaintAssigned').at(-1)?.detail).toMatchObject({
      ownerId: 'li-na',
      previousOwnerId: 'wang-fang',
    });
  });

  it('refuses an owner of another department, and the owner it already has', async () => {
    const complaint = await assignedComplaint();
    await expect(assignTo(world.deps, admin, complaint.id, 'zhao-lei')).rejects.toMatchObject({
      kind: 'rule-violated',
      details: { fields: ['ownerId'] },
    });
    await expect(assignTo(world.deps, admin, complaint.id, 'wang-fang')).rejects.toMatchObject({
      kind: 'rule-violated',
    });
    expect(openWorkOf('wang-fang')).toBe(1);
  });

  it('refuses a removed staff member as the new owner, changing nothing', async () => {
    const complaint = await assignedComplaint();
    const member = world.organization.staff.get('li-na')!;
    world.organization.staff.set('li-na', { ...member, removedAt: '2026-01-01T00:00:00.000Z' });
    await expect(assignTo(world.deps, admin, complaint.id, 'li-na')).rejects.toMatchObject({
      kind: 'rule-violated',
      message: 'Staff member li-na was removed.',
    });
    expect(openWorkOf('wang-fang')).toBe(1);
  });

  it('transfers: routed again in the new department, no owner, deadlines kept', async () => {
    const complaint = await assignedComplaint();
    const moved = await transfer(world.deps, logisticsAgent, complaint.id, 'finance', 'a refund');
    expect(moved).toMatchObject({ status: 'routed', department: 'finance' });
    expect(moved.ownerId).toBeUndefined();
    expect(moved.transfers).toEqual([
      {
        from: 'logistics',
        to: 'finance',
        at: world.clock.now().toISOString(),
        by: 'li-na',
        // Whose it was: the report counts the transfer away for them.
        fromOwnerId: 'wang-fang',
      },
    ]);
    expect(moved.sla?.resolutionDue).toBe(complaint.sla?.resolutionDue);
    expect(openWorkOf('wang-fang')).toBe(0);
    expect(world.outbox.ofType('ComplaintTransferred')[0]?.detail).toMatchObject({
      fromDepartment: 'logistics',
      department: 'finance',
      transfers: 1,
      previousOwnerId: 'wang-fang',
    });
    // The old department no longer sees it; the new one's queue assigns it.
    await expect(respond(world.deps, logisticsAgent, complaint.id, 'x')).rejects.toMatchObject({
      kind: 'not-found',
    });
    expect(
      await assignRoutedComplaint(world.deps, complaint.id, {
        department: 'logistics',
        transfers: 0,
      }),
    ).toBe('superseded');
    expect(await assignRoutedComplaint(world.deps, complaint.id)).toBe('assigned');
    expect((await stored(complaint.id)).ownerId).toBe('zhao-lei');
  });

  it('refuses a transfer to the department it is in, and to one not configured', async () => {
    const complaint = await assignedComplaint();
    await expect(
      transfer(world.deps, admin, complaint.id, 'logistics', 'again'),
    ).rejects.toMatchObject({ kind: 'rule-violated' });
    await expect(
      transfer(world.deps, admin, complaint.id, 'sales', 'nobody there'),
    ).rejects.toBeInstanceOf(DomainError);
    expect((await stored(complaint.id)).department).toBe('logistics');
  });

  it('resolves: resolved, the owner relieved, the customer asked to confirm', async () => {
    const complaint = await assignedComplaint();
    const resolved = await resolve(world.deps, logisticsAgent, complaint.id, {
      plan: 'Resent the parcel.',
      customerAgreed: true,
    });
    const at = world.clock.now();
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: { plan: 'Resent the parcel.', resolvedAt: at.toISOString(), resolvedBy: 'li-na' },
    });
    expect(Date.parse(resolved.confirmation!.autoCloseAt!)).toBeGreaterThan(at.getTime());
    expect(openWorkOf('wang-fang')).toBe(0);
    expect(world.outbox.types()).toContain('ComplaintResolved');
  });

  it('closes and reopens within the window; refuses reopening after it', async () => {
    const complaint = await assignedComplaint();
    await resolve(world.deps, admin, complaint.id, { plan: 'done', customerAgreed: true });
    const closed = await close(world.deps, admin, complaint.id);
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'staff' });
    expect(world.outbox.ofType('ComplaintClosed')[0]?.detail).toMatchObject({ closedBy: 'staff' });

    world.clock.advance(2 * DAY_MS);
    const reopened = await reopen(world.deps, admin, complaint.id, 'it broke again');
    expect(reopened.status).toBe('reopened');
    expect(reopened.closedAt).toBeUndefined();
    expect(openWorkOf('wang-fang')).toBe(1);

    await resolve(world.deps, admin, complaint.id, { plan: 'fixed', customerAgreed: true });
    await close(world.deps, admin, complaint.id);
    world.clock.advance(31 * DAY_MS);
    await expect(reopen(world.deps, admin, complaint.id, 'late')).rejects.toMatchObject({
      kind: 'rule-violated',
      details: { reopenWindowDays: 30 },
    });
    expect((await stored(complaint.id)).status).toBe('closed');
  });

  it('refuses an action the lifecycle does not allow, writing nothing', async () => {
    const complaint = await assignedComplaint();
    await expect(close(world.deps, admin, complaint.id)).rejects.toMatchObject({
      kind: 'rule-violated',
      details: { currentStatus: 'assigned', action: 'close' },
    });
    expect((await stored(complaint.id)).version).toBe(complaint.version);
  });

  it('decides again on the fresh complaint when a background write beat it', async () => {
    const complaint = await assignedComplaint();
    let beaten = false;
    world.complaints.beforeSave = ({ next }) => {
      if (!beaten && next.id === complaint.id) {
        beaten = true;
        world.complaints.beat(complaint.id, { escalationLevel: 1 });
      }
    };
    const responded = await respond(world.deps, logisticsAgent, complaint.id, 'hello');
    expect(world.complaints.staleRefusals).toBe(1);
    expect(responded).toMatchObject({ escalationLevel: 1, version: complaint.version + 2 });
    expect(world.outbox.ofType('ComplaintResponded')).toHaveLength(1);
  });
});

describe("the customer's answer to the result", () => {
  const resolvedComplaint = async () => {
    const complaint = await assignedComplaint();
    return resolve(world.deps, admin, complaint.id, { plan: 'Resent.', customerAgreed: true });
  };

  it('"solved" closes it, once; a repeat changes nothing', async () => {
    const resolved = await resolvedComplaint();
    const round = resolved.resolution!.resolvedAt;
    const answer = { answer: 'solved' as const, round, via: 'link' as const };
    const first = await answerResolution(world.deps, resolved.id, answer);
    expect(first.outcome).toBe('closed');
    expect(first.complaint).toMatchObject({
      status: 'closed',
      closedBy: 'customer',
      confirmation: { answer: 'solved', via: 'link' },
    });
    const again = await answerResolution(world.deps, resolved.id, answer);
    expect(again.outcome).toBe('already-closed');
    expect(world.outbox.ofType('ComplaintClosed')).toHaveLength(1);
  });

  it('"not solved" reopens it to its owner with the words', async () => {
    const resolved = await resolvedComplaint();
    const outcome = await answerResolution(world.deps, resolved.id, {
      answer: 'not_solved',
      round: resolved.resolution!.resolvedAt,
      words: 'Still nothing arrived.',
      via: 'reply',
    });
    expect(outcome.outcome).toBe('reopened');
    expect(outcome.complaint.status).toBe('reopened');
    expect(openWorkOf('wang-fang')).toBe(1);
    expect(world.complaints.entries.at(-1)).toMatchObject({
      action: 'reopen',
      note: 'Still nothing arrived.',
    });
    expect(world.outbox.ofType('ComplaintReopened')[0]?.detail).toMatchObject({
      reopenedBy: 'customer',
    });
  });

  it('an answer to an earlier result is stale and changes nothing', async () => {
    const resolved = await resolvedComplaint();
    const outcome = await answerResolution(world.deps, resolved.id, {
      answer: 'solved',
      round: '2031-01-01T00:00:00.000Z',
      via: 'link',
    });
    expect(outcome.outcome).toBe('stale');
    expect((await stored(resolved.id)).version).toBe(resolved.version);
  });
});
