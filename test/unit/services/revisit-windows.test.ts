import { beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintActor } from '../../../shared/domain/complaints/access';
import {
  DEFAULT_REVISIT_POLICIES,
  type RevisitPolicy,
} from '../../../shared/domain/revisits/policy';
import type { Revisit } from '../../../shared/domain/revisits/revisit';
import { forgetCalendars } from '../../../shared/services/complaints/calendar-source';
import { assignRevisitTo } from '../../../shared/services/revisits/assignment';
import { sendRevisitDigests } from '../../../shared/services/revisits/digest';
import { markDueRevisits } from '../../../shared/services/revisits/due-sweep';
import { recordRevisitOutcome } from '../../../shared/services/revisits/outcomes';
import { planAfterService } from '../../../shared/services/revisits/planning';
import { recordService } from '../../../shared/services/revisits/service-records';
import { InMemoryMailer, InMemoryNotificationLog } from '../../support/fakes/notifications';
import { revisitWorld, type RevisitWorld } from '../../support/fakes/revisit-world';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const agent = (subject: string): ComplaintActor => ({
  subject,
  role: 'staff',
  department: 'technical-support',
});
const supervisor: ComplaintActor = {
  subject: 'zhou-min',
  role: 'supervisor',
  department: 'technical-support',
};

let world: RevisitWorld;

beforeEach(() => {
  forgetCalendars();
  // Thursday 10:00 in Shanghai: inside working hours.
  world = revisitWorld('2026-11-19T02:00:00.000Z');
  world.customers.seed('K1');
  world.organization.seedDepartment(
    'technical-support',
    [{ id: 'li-na' }, { id: 'wang-fang' }, { id: 'zhou-min' }, { id: 'resting', onDuty: false }],
    { supervisorId: 'zhou-min' },
  );
  world.organization.seedDepartment('finance', [{ id: 'zhao-lei' }]);
});

const revisitsOf = (policyId: string): Revisit[] =>
  [...world.revisits.revisits.values()]
    .filter((revisit) => revisit.policyId === policyId)
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt));
const only = (policyId: string): Revisit => {
  const found = revisitsOf(policyId);
  expect(found).toHaveLength(1);
  return found[0]!;
};

const deliver = async (
  kind: 'repair' | 'maintenance',
  extra: { staffId?: string; odometerKm?: number; completedAt?: string } = {},
) => {
  const service = await recordService(
    world.deps,
    {
      customerId: 'K1',
      kind,
      completedAt: extra.completedAt ?? world.clock.now().toISOString(),
      department: 'technical-support',
      errorOccurred: false,
      ...(extra.staffId === undefined
        ? { staffId: 'li-na' }
        : extra.staffId
          ? { staffId: extra.staffId }
          : {}),
      ...(extra.odometerKm !== undefined ? { odometerKm: extra.odometerKm } : {}),
    },
    'li-na',
  );
  await planAfterService(world.deps, {
    serviceId: service.id,
    customerId: 'K1',
    kind,
    completedAt: service.completedAt,
    firstForCustomer: service.firstForCustomer,
    department: 'technical-support',
    ...(service.staffId ? { staffId: service.staffId } : {}),
    ...(service.odometerKm !== undefined ? { odometerKm: service.odometerKm } : {}),
  });
  return service;
};

describe('a revisit window: warning, deadline, escalation', () => {
  it('warns the owner once at 80 % of the window and escalates once past the deadline', async () => {
    await deliver('repair');
    const call = only('post-service');
    expect(Date.parse(call.warnAt) - Date.parse(call.opensAt)).toBe(0.8 * 72 * HOUR_MS);
    expect(await markDueRevisits(world.deps)).toMatchObject({ due: 2, warned: 0, escalated: 0 });
    world.clock.advance(0.8 * 72 * HOUR_MS - 1);
    expect(await markDueRevisits(world.deps)).toMatchObject({ warned: 0 });
    world.clock.advance(1);
    expect(await markDueRevisits(world.deps)).toMatchObject({ warned: 1, escalated: 0 });
    expect(await markDueRevisits(world.deps)).toMatchObject({ warned: 0, escalated: 0 });
    expect(world.outbox.ofType('RevisitDeadlineNear')).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({
          revisitId: call.id,
          assigneeId: 'li-na',
          dueAt: call.dueAt,
        }),
      }),
    ]);
    world.clock.set(call.dueAt);
    expect(await markDueRevisits(world.deps)).toMatchObject({ escalated: 1 });
    expect(await markDueRevisits(world.deps)).toMatchObject({ escalated: 0 });
    world.clock.advance(30 * DAY_MS);
    expect(await markDueRevisits(world.deps)).toMatchObject({ escalated: 1 }); // the welcome call
    const overdue = world.outbox.ofType('RevisitOverdue');
    expect(overdue.map((event) => event.detail.revisitId)).toEqual([call.id, only('welcome').id]);
    expect(overdue[0]?.detail).toMatchObject({
      supervisorId: 'zhou-min',
      department: 'technical-support',
    });
    expect(only('post-service')).toMatchObject({ status: 'due', escalatedAt: call.dueAt });
  });

  it('counts a call completed at 71 hours on time, and does not escalate it', async () => {
    await deliver('repair');
    await markDueRevisits(world.deps);
    world.clock.advance(71 * HOUR_MS);
    const done = await recordRevisitOutcome(
      world.deps,
      only('post-service').id,
      { reached: true, score: 5 },
      'li-na',
    );
    expect(done.outcome!.completedAt <= done.dueAt).toBe(true);
    world.clock.advance(2 * HOUR_MS);
    await markDueRevisits(world.deps);
    expect(world.outbox.ofType('RevisitOverdue').map((e) => e.detail.policyId)).not.toContain(
      'post-service',
    );
  });

  it('skips a warning the sweep can no longer give and escalates at once when it ran late', async () => {
    await deliver('repair');
    world.clock.advance(73 * HOUR_MS);
    // The post-service call is past its deadline; the 14-day welcome call is not near its own.
    expect(await markDueRevisits(world.deps)).toMatchObject({ due: 2, warned: 0, escalated: 1 });
    expect(world.outbox.ofType('RevisitDeadlineNear')).toHaveLength(0);
    expect(world.outbox.ofType('RevisitOverdue').map((e) => e.detail.policyId)).toEqual([
      'post-service',
    ]);
  });

  it('keeps a retry after "not reached" inside the window when the spacing would pass the deadline', async () => {
    await deliver('repair');
    await markDueRevisits(world.deps);
    world.clock.advance(60 * HOUR_MS);
    const retry = await recordRevisitOutcome(
      world.deps,
      only('post-service').id,
      { reached: false },
      'li-na',
    );
    // 24 h spacing would open it at 84 h; halfway to the 72 h deadline is 66 h.
    expect(retry.status).toBe('planned');
    expect(Date.parse(retry.opensAt) - Date.parse(retry.createdAt)).toBe(66 * HOUR_MS);
    expect(retry.opensAt < retry.dueAt).toBe(true);
  });

  it('gives an email reminder, whose window has no length, nothing to warn of or be late for', async () => {
    await deliver('maintenance');
    const reminder = only('periodic-maintenance');
    expect(reminder.opensAt).toBe(reminder.dueAt);
    world.clock.set(reminder.opensAt);
    await markDueRevisits(world.deps);
    world.clock.advance(DAY_MS);
    await markDueRevisits(world.deps);
    const about = (type: string) =>
      world.outbox.ofType(type).filter((event) => event.detail.policyId === 'periodic-maintenance');
    expect(about('RevisitDue')).toHaveLength(1);
    expect(about('RevisitDeadlineNear')).toHaveLength(0);
    expect(about('RevisitOverdue')).toHaveLength(0);
  });
});

describe('recurring reminders', () => {
  const periodic = DEFAULT_REVISIT_POLICIES.find((policy) => policy.id === 'periodic-maintenance')!;
  const openDue = async () => {
    const next = revisitsOf('periodic-maintenance').find((revisit) => revisit.status === 'planned');
    world.clock.set(next!.opensAt);
    await markDueRevisits(world.deps);
  };

  it('plans the next reminder when one opens: at 3, 6 and 9 months, each once', async () => {
    const service = await deliver('maintenance');
    for (let step = 0; step < 3; step++) await openDue();
    await markDueRevisits(world.deps);
    const opens = revisitsOf('periodic-maintenance').map((revisit) => revisit.opensAt.slice(0, 10));
    expect(opens).toEqual(['2027-02-19', '2027-05-19', '2027-08-19', '2027-11-19']);
    expect(revisitsOf('periodic-maintenance').map((r) => r.recurrence?.occurrence)).toEqual([
      1, 2, 3, 4,
    ]);
    expect(revisitsOf('periodic-maintenance').every((r) => r.cause.id === service.id)).toBe(true);
    // The newer reminder supersedes the one before it.
    expect(revisitsOf('periodic-maintenance').map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'due',
      'planned',
    ]);
  });

  it('stops the cycle when a newer service is recorded, and starts a new one from it', async () => {
    await deliver('maintenance');
    await openDue();
    world.clock.advance(10 * DAY_MS);
    const newer = await deliver('maintenance');
    const cycles = revisitsOf('periodic-maintenance');
    expect(cycles.filter((r) => r.status === 'planned' || r.status === 'due')).toEqual([
      expect.objectContaining({ cause: { type: 'service', id: newer.id } }),
    ]);
    expect(world.outbox.ofType('RevisitCancelled').at(-1)?.detail.reason).toContain(
      'newer maintenance service',
    );
  });

  it('starts nothing for an older service delivered after a newer one', async () => {
    const older = new Date(world.clock.now().getTime() - 30 * DAY_MS).toISOString();
    const newer = await deliver('maintenance');
    await deliver('maintenance', { completedAt: older });
    expect(revisitsOf('periodic-maintenance')).toEqual([
      expect.objectContaining({ status: 'planned', cause: { type: 'service', id: newer.id } }),
    ]);
  });

  it('opens sooner by distance when the projected reading reaches 5 000 km first', async () => {
    await deliver('maintenance', {
      odometerKm: 20_000,
      completedAt: new Date(world.clock.now().getTime() - 40 * DAY_MS).toISOString(),
    });
    // 4 000 km in 40 days: 100 km a day, so 5 000 km in 50 days, before 3 months.
    const service = await deliver('maintenance', { odometerKm: 24_000 });
    const open = revisitsOf('periodic-maintenance').find((r) => r.cause.id === service.id)!;
    expect(open.recurrence).toMatchObject({
      occurrence: 1,
      reading: { km: 24_000, kmPerDay: 100 },
    });
    expect(Date.parse(open.opensAt) - Date.parse(service.completedAt)).toBe(50 * DAY_MS);
  });

  it('stops after the count the policy allows', async () => {
    await world.organization.putRevisitPolicies(
      [{ ...periodic, until: { count: 2 } } satisfies RevisitPolicy],
      1,
    );
    await deliver('maintenance');
    for (let step = 0; step < 2; step++) await openDue();
    expect(revisitsOf('periodic-maintenance')).toHaveLength(2);
  });

  it('plans each next reminder once when the sweep runs twice or the reminder was changed meanwhile', async () => {
    await deliver('maintenance');
    const first = only('periodic-maintenance');
    world.clock.set(first.opensAt);
    world.revisits.beforeSave = (next) => {
      world.revisits.beforeSave = undefined;
      if (next.id === first.id) world.revisits.beat(first.id);
    };
    await markDueRevisits(world.deps);
    await markDueRevisits(world.deps);
    await markDueRevisits(world.deps);
    expect(revisitsOf('periodic-maintenance').map((r) => r.recurrence?.occurrence)).toEqual([1, 2]);
  });
});

describe('nobody left out: the unassigned list', () => {
  it('lets a member of the department claim an unassigned revisit, once, and no one else take it', async () => {
    await deliver('repair');
    const welcome = only('welcome');
    expect(welcome.assigneeId).toBeUndefined();
    const claimed = await assignRevisitTo(world.deps, agent('wang-fang'), welcome.id, undefined);
    expect(claimed.assigneeId).toBe('wang-fang');
    expect(
      await assignRevisitTo(world.deps, agent('wang-fang'), welcome.id, undefined),
    ).toMatchObject({
      version: claimed.version,
    });
    await expect(
      assignRevisitTo(world.deps, agent('li-na'), welcome.id, undefined),
    ).rejects.toMatchObject({
      kind: 'rule-violated',
    });
    await expect(
      assignRevisitTo(
        world.deps,
        { subject: 'zhao-lei', role: 'staff', department: 'finance' },
        welcome.id,
        undefined,
      ),
    ).rejects.toMatchObject({ kind: 'not-found' });
    expect(world.outbox.ofType('RevisitAssigned')).toHaveLength(1);
  });

  it('lets a supervisor reassign to an on-duty member of the department only', async () => {
    await deliver('repair');
    const call = only('post-service');
    expect((await assignRevisitTo(world.deps, supervisor, call.id, 'wang-fang')).assigneeId).toBe(
      'wang-fang',
    );
    await expect(assignRevisitTo(world.deps, supervisor, call.id, 'resting')).rejects.toMatchObject(
      {
        kind: 'rule-violated',
      },
    );
    await expect(
      assignRevisitTo(world.deps, supervisor, call.id, 'zhao-lei'),
    ).rejects.toMatchObject({
      kind: 'rule-violated',
    });
    await expect(
      assignRevisitTo(world.deps, agent('li-na'), call.id, 'li-na'),
    ).rejects.toMatchObject({
      kind: 'rule-violated',
    });
    expect(world.outbox.ofType('RevisitAssigned').map((e) => e.detail)).toEqual([
      expect.objectContaining({
        assigneeId: 'wang-fang',
        previousAssigneeId: 'li-na',
        assignedBy: 'zhou-min',
      }),
    ]);
  });

  it("puts the unassigned and the escalated revisits in the supervisor's digest", async () => {
    const mailer = new InMemoryMailer();
    const deps = { ...world.deps, mailer, sent: new InMemoryNotificationLog() };
    await deliver('repair');
    await markDueRevisits(world.deps);
    await sendRevisitDigests(deps);
    const first = mailer.to('zhou-min@kefu.test')[0]!;
    expect(first.text).toContain('· welcome · phone');
    expect(first.text).not.toContain('· post-service ·');
    world.clock.advance(73 * HOUR_MS);
    await markDueRevisits(world.deps);
    await sendRevisitDigests(deps);
    const later = mailer.to('zhou-min@kefu.test')[1]!;
    expect(later.text).toMatch(/Past the deadline \(1\):\n.*post-service.*li-na/);
    expect(mailer.to('li-na@kefu.test')).toHaveLength(2);
  });
});
