import { beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintActor } from '../../../shared/domain/complaints/access';
import { DomainError } from '../../../shared/domain/errors';
import {
  DEFAULT_REVISIT_POLICIES,
  type LegacyRevisitPolicy,
  type RevisitPolicy,
} from '../../../shared/domain/revisits/policy';
import type { Revisit } from '../../../shared/domain/revisits/revisit';
import { forgetCalendars } from '../../../shared/services/complaints/calendar-source';
import { visibleRevisit } from '../../../shared/services/revisits/access';
import { sendRevisitDigests } from '../../../shared/services/revisits/digest';
import { markDueRevisits } from '../../../shared/services/revisits/due-sweep';
import { planManualRevisit } from '../../../shared/services/revisits/manual-planning';
import {
  openComplaintFromRevisit,
  recordRevisitOutcome,
} from '../../../shared/services/revisits/outcomes';
import { planAfterComplaint, planAfterService } from '../../../shared/services/revisits/planning';
import { recordService } from '../../../shared/services/revisits/service-records';
import { InMemoryMailer, InMemoryNotificationLog } from '../../support/fakes/notifications';
import { revisitWorld, type RevisitWorld } from '../../support/fakes/revisit-world';

const HOUR_MS = 3_600_000;
const admin: ComplaintActor = { subject: 'admin-1', role: 'admin', department: undefined };
const financeAgent: ComplaintActor = { subject: 'zhao-lei', role: 'staff', department: 'finance' };

let world: RevisitWorld;

beforeEach(() => {
  forgetCalendars();
  world = revisitWorld();
  world.customers.seed('K1');
  world.organization.seedDepartment('technical-support', [{ id: 'li-na' }, { id: 'wang-fang' }]);
  world.organization.seedDepartment('finance', [{ id: 'zhao-lei' }]);
});

const plannedOf = (customerId: string) =>
  [...world.revisits.revisits.values()].filter((revisit) => revisit.customerId === customerId);
const byPolicy = (policyId: string): Revisit =>
  plannedOf('K1').find((revisit) => revisit.policyId === policyId)!;

/** A repair recorded and handed over now by li-na, with the revisits it plans. */
const repairHandedOver = async () => {
  const service = await recordService(
    world.deps,
    {
      customerId: 'K1',
      kind: 'repair',
      completedAt: world.clock.now().toISOString(),
      staffId: 'li-na',
      department: 'technical-support',
      errorOccurred: false,
    },
    'li-na',
  );
  const planned = await planAfterService(world.deps, {
    serviceId: service.id,
    customerId: service.customerId,
    kind: service.kind,
    completedAt: service.completedAt,
    firstForCustomer: service.firstForCustomer,
    staffId: 'li-na',
    department: 'technical-support',
  });
  return { service, planned };
};

describe('recording a service', () => {
  it('tells whether it is the customer’s first, in the ServiceDelivered event', async () => {
    const first = await repairHandedOver();
    expect(first.service.firstForCustomer).toBe(true);
    const second = await recordService(
      world.deps,
      {
        customerId: 'K1',
        kind: 'maintenance',
        completedAt: first.service.completedAt,
        errorOccurred: false,
      },
      'li-na',
    );
    expect(second.firstForCustomer).toBe(false);
    expect(
      world.outbox.ofType('ServiceDelivered').map((event) => event.detail.firstForCustomer),
    ).toEqual([true, false]);
  });

  it('refuses a service completed in the future and records nothing', async () => {
    const later = new Date(world.clock.now().getTime() + HOUR_MS).toISOString();
    await expect(
      recordService(
        world.deps,
        { customerId: 'K1', kind: 'repair', completedAt: later, errorOccurred: false },
        'li-na',
      ),
    ).rejects.toMatchObject({ kind: 'rule-violated', details: { fields: ['completedAt'] } });
    expect(world.services.records).toHaveLength(0);
    expect(world.outbox.events).toHaveLength(0);
  });
});

describe('planning revisits', () => {
  it('plans the post-service call for the technician and the welcome call for the queue', async () => {
    const { service, planned } = await repairHandedOver();
    expect(planned).toBe(2);
    expect(byPolicy('post-service')).toMatchObject({
      status: 'planned',
      assigneeId: 'li-na',
      cause: { type: 'service', id: service.id },
      channel: 'phone',
    });
    expect(byPolicy('welcome')).not.toHaveProperty('assigneeId');
    expect(world.outbox.ofType('RevisitPlanned')).toHaveLength(2);
  });

  it('opens the post-service call at handover, with its deadline 72 hours later', async () => {
    const { service } = await repairHandedOver();
    const call = byPolicy('post-service');
    expect(call.opensAt).toBe(service.completedAt);
    expect(Date.parse(call.dueAt) - Date.parse(service.completedAt)).toBe(72 * HOUR_MS);
    expect(world.outbox.ofType('RevisitPlanned')).toContainEqual(
      expect.objectContaining({
        detail: expect.objectContaining({ opensAt: call.opensAt, dueAt: call.dueAt }),
      }),
    );
  });

  it('opens a call in the customer’s contact hours, keeping the standard’s deadline', async () => {
    world.customers.seed('K1', { preferredContactHours: { from: '14:00', to: '17:00' } });
    world.clock.set('2026-11-20T20:00:00+08:00');
    const { service } = await repairHandedOver();
    const call = byPolicy('post-service');
    expect(call.opensAt).toBe(new Date('2026-11-21T14:00:00+08:00').toISOString());
    expect(Date.parse(call.dueAt) - Date.parse(service.completedAt)).toBe(72 * HOUR_MS);
  });

  it('opens a call at handover even after working hours, and moves a computed opening into them', async () => {
    world.clock.set('2026-11-20T19:00:00+08:00');
    const { service } = await repairHandedOver();
    expect(byPolicy('post-service').opensAt).toBe(service.completedAt);
    const later: RevisitPolicy = {
      ...DEFAULT_REVISIT_POLICIES[0]!,
      id: 'next-morning',
      opensAfter: { amount: 13, unit: 'hours' },
    };
    await world.organization.putRevisitPolicies([later], 1);
    await repairHandedOver();
    // Friday 19:00 + 13 h is Saturday 08:00; the next working time is Monday 09:00.
    expect(byPolicy('next-morning').opensAt).toBe(
      new Date('2026-11-23T09:00:00+08:00').toISOString(),
    );
  });

  it('plans with a policy stored before windows: its delay is the deadline, the call open at once', async () => {
    const stored: LegacyRevisitPolicy = {
      id: 'old-post-service',
      description: 'A call 48 hours after a repair',
      trigger: { type: 'service', kinds: ['repair'] },
      delay: { amount: 48, unit: 'hours' },
      channel: 'phone',
      owner: 'service-staff',
      maxAttempts: 2,
      retrySpacingHours: 12,
      surveyAfter: false,
    };
    await world.organization.putRevisitPolicies([stored as unknown as RevisitPolicy], 1);
    const { service, planned } = await repairHandedOver();
    expect(planned).toBe(1);
    const call = byPolicy('old-post-service');
    expect(call).toMatchObject({ opensAt: service.completedAt, maxAttempts: 2 });
    expect(Date.parse(call.dueAt) - Date.parse(service.completedAt)).toBe(48 * HOUR_MS);
  });

  it('plans nothing again when the same service event is delivered twice', async () => {
    const { service } = await repairHandedOver();
    const again = await planAfterService(world.deps, {
      serviceId: service.id,
      customerId: 'K1',
      kind: 'repair',
      completedAt: service.completedAt,
      firstForCustomer: true,
    });
    expect(again).toBe(0);
    expect(plannedOf('K1')).toHaveLength(2);
    expect(world.outbox.ofType('RevisitPlanned')).toHaveLength(2);
  });

  it('plans the follow-up call of a closed complaint for its owner, once', async () => {
    const closed = {
      complaintId: 'C1',
      customerId: 'K1',
      department: 'finance',
      ownerId: 'zhao-lei',
    };
    const at = world.clock.now().toISOString();
    expect(await planAfterComplaint(world.deps, closed, at)).toBe(1);
    expect(await planAfterComplaint(world.deps, closed, at)).toBe(0);
    expect(byPolicy('post-complaint')).toMatchObject({
      assigneeId: 'zhao-lei',
      department: 'finance',
      cause: { type: 'complaint', id: 'C1' },
    });
  });

  it('refuses a manual revisit for a customer who is not in the archive', async () => {
    await expect(
      planManualRevisit(
        world.deps,
        {
          customerId: 'NOBODY',
          dueAt: world.clock.now().toISOString(),
          channel: 'phone',
          reason: 'x',
        },
        'admin-1',
      ),
    ).rejects.toMatchObject({ kind: 'rule-violated', details: { fields: ['customerId'] } });
    expect(world.revisits.revisits.size).toBe(0);
  });
});

describe('the due sweep', () => {
  it('marks a revisit due the moment its window opens, with its deadline, and only once', async () => {
    await repairHandedOver();
    expect(await markDueRevisits(world.deps)).toMatchObject({ due: 2, cancelled: 0 });
    expect(await markDueRevisits(world.deps)).toMatchObject({ due: 0, cancelled: 0 });
    expect(byPolicy('post-service').status).toBe('due');
    expect(world.outbox.ofType('RevisitDue')).toContainEqual(
      expect.objectContaining({
        detail: expect.objectContaining({
          assigneeId: 'li-na',
          dueAt: byPolicy('post-service').dueAt,
        }),
      }),
    );
  });

  it('leaves a revisit planned until its window opens', async () => {
    const opensAt = new Date(world.clock.now().getTime() + 24 * HOUR_MS).toISOString();
    const dueAt = new Date(world.clock.now().getTime() + 48 * HOUR_MS).toISOString();
    const revisit = await planManualRevisit(
      world.deps,
      { customerId: 'K1', opensAt, dueAt, channel: 'phone', reason: 'x' },
      'li-na',
    );
    expect(revisit).toMatchObject({ opensAt, dueAt, status: 'planned' });
    world.clock.advance(24 * HOUR_MS - 1);
    expect(await markDueRevisits(world.deps)).toMatchObject({ due: 0, cancelled: 0 });
    world.clock.advance(1);
    expect(await markDueRevisits(world.deps)).toMatchObject({ due: 1, cancelled: 0 });
  });

  it('cancels, with the reason, the revisits of a customer who withdrew consent', async () => {
    await repairHandedOver();
    const customer = (await world.customers.get('K1'))!;
    world.customers.seed('K1', {
      consents: {
        ...customer.consents,
        serviceContact: {
          granted: false,
          source: 'phone',
          recordedAt: world.clock.now().toISOString(),
        },
      },
    });
    expect(await markDueRevisits(world.deps)).toMatchObject({ due: 0, cancelled: 2 });
    expect(byPolicy('post-service')).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: expect.stringContaining('withdrew consent') },
    });
  });

  it('still calls a customer who refused surveys only: revisits have their own purpose', async () => {
    await repairHandedOver();
    const customer = (await world.customers.get('K1'))!;
    world.customers.seed('K1', {
      consents: {
        ...customer.consents,
        surveys: { granted: false, source: 'phone', recordedAt: world.clock.now().toISOString() },
      },
    });
    expect(await markDueRevisits(world.deps)).toMatchObject({ due: 2, cancelled: 0 });
  });
});

describe('recording outcomes', () => {
  it('retries a customer not reached, then gives up as unreachable after the last attempt', async () => {
    await repairHandedOver();
    const id = byPolicy('post-service').id;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const next = await recordRevisitOutcome(world.deps, id, { reached: false }, 'li-na');
      expect(next.status).toBe(attempt < 3 ? 'planned' : 'unreachable');
    }
    expect(world.outbox.ofType('RevisitUnreachable')).toHaveLength(1);
    expect(world.revisits.interactions.map((entry) => entry.result)).toEqual([
      'not reached (attempt 1 of 3)',
      'not reached (attempt 2 of 3)',
      'not reached (attempt 3 of 3)',
    ]);
    await expect(
      recordRevisitOutcome(world.deps, id, { reached: true }, 'li-na'),
    ).rejects.toMatchObject({ kind: 'rule-violated', details: { currentStatus: 'unreachable' } });
  });

  it('completes a reached revisit with its score, on the customer timeline too', async () => {
    await repairHandedOver();
    const id = byPolicy('post-service').id;
    const done = await recordRevisitOutcome(
      world.deps,
      id,
      { reached: true, score: 4, notes: 'ok' },
      'li-na',
    );
    expect(done).toMatchObject({ status: 'completed', outcome: { score: 4, notes: 'ok' } });
    expect(world.outbox.ofType('RevisitCompleted')).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({
          score: 4,
          department: 'technical-support',
          surveyAfter: true,
        }),
      }),
    ]);
    expect(world.revisits.interactions[0]).toMatchObject({
      customerId: 'K1',
      result: 'reached, score 4/5: ok',
      regarding: { type: 'revisit', id },
    });
  });

  it('writes nothing when another writer saved the revisit first', async () => {
    await repairHandedOver();
    const id = byPolicy('post-service').id;
    world.revisits.beforeSave = () => world.revisits.beat(id);
    const error = await recordRevisitOutcome(world.deps, id, { reached: true }, 'li-na').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'stale-version' });
    expect(world.revisits.interactions).toHaveLength(0);
    expect(world.outbox.ofType('RevisitCompleted')).toHaveLength(0);
  });

  it('opens one complaint from the issue found, linked both ways, however often asked', async () => {
    await repairHandedOver();
    const id = byPolicy('post-service').id;
    await expect(
      openComplaintFromRevisit(world.deps, id, undefined, 'li-na'),
    ).rejects.toMatchObject({
      kind: 'rule-violated',
    });
    await recordRevisitOutcome(
      world.deps,
      id,
      { reached: true, issuesFound: 'still noisy' },
      'li-na',
    );
    const opened = await openComplaintFromRevisit(world.deps, id, undefined, 'li-na');
    expect(opened.created).toBe(true);
    const complaint = (await world.complaints.get(opened.complaintId))!;
    expect(complaint).toMatchObject({
      description: 'still noisy',
      origin: { type: 'revisit', id },
    });
    expect(byPolicy('post-service').complaintId).toBe(opened.complaintId);
    const again = await openComplaintFromRevisit(world.deps, id, 'other words', 'li-na');
    expect(again).toMatchObject({ created: false, complaintId: opened.complaintId });
    expect(world.complaints.complaints.size).toBe(1);
  });
});

describe('who sees a revisit', () => {
  it('hides another department’s revisit as if it did not exist; admins see all', async () => {
    await repairHandedOver();
    const id = byPolicy('post-service').id;
    expect((await visibleRevisit(world.deps, admin, id)).id).toBe(id);
    await expect(visibleRevisit(world.deps, financeAgent, id)).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});

describe('the daily digest', () => {
  it('mails each owner their due revisits once a day, and retries only the failed ones', async () => {
    const mailer = new InMemoryMailer();
    const sent = new InMemoryNotificationLog();
    const deps = { ...world.deps, mailer, sent };
    await repairHandedOver();
    const closed = {
      complaintId: 'C1',
      customerId: 'K1',
      department: 'finance',
      ownerId: 'zhao-lei',
    };
    await planAfterComplaint(world.deps, closed, world.clock.now().toISOString());
    world.clock.advance(8 * 24 * HOUR_MS);
    await markDueRevisits(world.deps);
    mailer.failFor.add('zhao-lei@kefu.test');
    await expect(sendRevisitDigests(deps)).rejects.toThrow(AggregateError);
    expect(mailer.to('li-na@kefu.test')).toHaveLength(1);
    mailer.failFor.clear();
    expect(await sendRevisitDigests(deps)).toMatchObject({ sent: 1 });
    expect(mailer.to('zhao-lei@kefu.test')).toHaveLength(1);
    expect(mailer.to('li-na@kefu.test')).toHaveLength(1);
  });

  it('lists a revisit from the moment its window opens, with its deadline, and overdue past it', async () => {
    const mailer = new InMemoryMailer();
    const deps = { ...world.deps, mailer, sent: new InMemoryNotificationLog() };
    world.clock.set('2026-11-19T17:00:00+08:00');
    await repairHandedOver();
    await markDueRevisits(world.deps);
    const deadline = byPolicy('post-service').dueAt.slice(0, 16).replace('T', ' ');
    await sendRevisitDigests(deps);
    const first = mailer.to('li-na@kefu.test')[0]!;
    expect(first.subject).toContain('0 逾期 overdue, 0 今日到期 due today, 1 新增 new');
    expect(first.text).toContain(`截止 deadline ${deadline} UTC · post-service`);
    world.clock.advance(24 * HOUR_MS);
    await sendRevisitDigests(deps);
    expect(mailer.to('li-na@kefu.test')[1]!.text).toMatch(
      /其他待回访 \/ Other open, by deadline \(1\)/,
    );
    world.clock.advance(47.5 * HOUR_MS);
    await sendRevisitDigests(deps);
    expect(mailer.to('li-na@kefu.test')[2]!.subject).toContain(
      '0 逾期 overdue, 1 今日到期 due today',
    );
    world.clock.advance(24 * HOUR_MS);
    await sendRevisitDigests(deps);
    expect(mailer.to('li-na@kefu.test')[3]!.subject).toContain(
      '1 逾期 overdue, 0 今日到期 due today',
    );
  });
});
