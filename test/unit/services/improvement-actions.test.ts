import { beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintActor } from '../../../shared/domain/complaints/access';
import type { NewAction } from '../../../shared/domain/improvements/action';
import {
  changeImprovementAction,
  planImprovementAction,
} from '../../../shared/services/improvements/actions';
import { sweepImprovementActions } from '../../../shared/services/improvements/due-sweep';
import { improvementWorld } from '../../support/fakes/improvements';

const DAY_MS = 86_400_000;
const supervisor: ComplaintActor = {
  subject: 'zhou-min',
  role: 'supervisor',
  department: 'logistics',
};
const owner: ComplaintActor = { subject: 'li-na', role: 'staff', department: 'logistics' };
const salesSupervisor: ComplaintActor = {
  subject: 'qian-yu',
  role: 'supervisor',
  department: 'sales',
};

let world: ReturnType<typeof improvementWorld>;

beforeEach(() => {
  // Tuesday 2031-04-01, 10:00 in Shanghai.
  world = improvementWorld();
  world.organization.seedDepartment('logistics', [{ id: 'li-na' }, { id: 'zhou-min' }], {
    supervisorId: 'zhou-min',
  });
  world.organization.seedDepartment('sales', [{ id: 'qian-yu' }]);
});

const input = (overrides: Partial<NewAction> = {}): NewAction => ({
  title: '缩短物流投诉首次响应',
  answers: { findings: ['2031-03|satisfactionRate|DEPARTMENT#logistics'], complaints: [] },
  goal: {
    figure: 'satisfactionRate',
    slice: { dimension: 'department', value: 'logistics' },
    target: 0.85,
    by: '2031-06-30',
  },
  measures: ['每日晨会复盘投诉', '回复模板更新'],
  ownerId: 'li-na',
  department: 'logistics',
  dueAt: new Date(world.clock.now().getTime() + 10 * DAY_MS).toISOString(),
  evaluationDays: 30,
  ...overrides,
});

/** Daily satisfaction counters of the logistics slice: `satisfied` of `surveyed` on each day. */
const surveyDays = (firstDay: string, days: number, surveyed: number, satisfied: number) => {
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  for (let day = 0; day < days; day++) {
    const name = new Date(start + day * DAY_MS).toISOString().slice(0, 10);
    world.aggregates.add(name, 'DEPARTMENT#logistics', {
      surveyed,
      answered: surveyed,
      score5: satisfied,
      score2: surveyed - satisfied,
    });
  }
};

describe('planning an improvement action (明确目标、措施及责任人)', () => {
  it('is management’s: a supervisor of the department or an admin, naming an owner on the staff', async () => {
    const action = await planImprovementAction(world.deps, supervisor, input());
    expect(action).toMatchObject({ status: 'planned', ownerId: 'li-na', createdBy: 'zhou-min' });
    expect(action.history).toEqual([
      expect.objectContaining({ change: 'planned', by: 'zhou-min' }),
    ]);
    expect(world.outbox.ofType('ImprovementActionPlanned')).toHaveLength(1);
    for (const actor of [owner, salesSupervisor]) {
      await expect(planImprovementAction(world.deps, actor, input())).rejects.toMatchObject({
        kind: 'rule-violated',
      });
    }
    await expect(
      planImprovementAction(world.deps, supervisor, input({ ownerId: 'nobody' })),
    ).rejects.toMatchObject({ kind: 'invalid-reference' });
    await expect(
      planImprovementAction(world.deps, supervisor, input({ dueAt: '2031-03-01T00:00:00.000Z' })),
    ).rejects.toMatchObject({ kind: 'rule-violated', details: { fields: ['dueAt'] } });
    expect(world.actions.actions.size).toBe(1);
  });
});

describe('working an action', () => {
  it('is started and done by its owner; cancelled only by a supervisor, with a reason', async () => {
    const { id } = await planImprovementAction(world.deps, supervisor, input());
    await changeImprovementAction(world.deps, owner, id, 'in-progress', undefined);
    await expect(
      changeImprovementAction(world.deps, owner, id, 'cancelled', 'no time'),
    ).rejects.toMatchObject({ kind: 'rule-violated' });
    await expect(
      changeImprovementAction(world.deps, supervisor, id, 'cancelled', undefined),
    ).rejects.toMatchObject({ kind: 'rule-violated', details: { fields: ['note'] } });
    await expect(
      changeImprovementAction(world.deps, salesSupervisor, id, 'done', undefined),
    ).rejects.toMatchObject({ kind: 'not-found' });
    const done = await changeImprovementAction(world.deps, owner, id, 'done', '已完成培训');
    expect(await changeImprovementAction(world.deps, owner, id, 'done', undefined)).toMatchObject({
      version: done.version,
    });
    await expect(
      changeImprovementAction(world.deps, owner, id, 'in-progress', undefined),
    ).rejects.toMatchObject({ kind: 'rule-violated', details: { currentStatus: 'done' } });
    expect(done.history.map((entry) => entry.change)).toEqual(['planned', 'started', 'done']);
    expect(world.outbox.ofType('ImprovementActionChanged')).toHaveLength(2);
  });

  it('reminds its owner once at 80 % of the time to the due date and escalates once past it', async () => {
    const action = await planImprovementAction(world.deps, supervisor, input());
    world.clock.advance(8 * DAY_MS - 1);
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ reminded: 0 });
    world.clock.advance(1);
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ reminded: 1 });
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ reminded: 0 });
    world.clock.set(action.dueAt);
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ escalated: 1 });
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ escalated: 0 });
    expect(world.outbox.ofType('ImprovementActionOverdue')).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({ actionId: action.id, supervisorId: 'zhou-min' }),
      }),
    ]);
  });
});

describe('evaluating the effect (效果评估)', () => {
  it('compares the baseline window with the window after, met or needs-adjustment', async () => {
    // Baseline: 30 days before the start day (2031-04-01): 6 of 10 satisfied a day → 60 %.
    surveyDays('2031-03-02', 30, 10, 6);
    const met = await planImprovementAction(world.deps, supervisor, input());
    // The second one aims higher than the after window reaches.
    const missed = await planImprovementAction(
      world.deps,
      supervisor,
      input({ title: '其二', goal: { ...input().goal, target: 0.95 } }),
    );
    for (const { id } of [met, missed]) {
      await changeImprovementAction(world.deps, owner, id, 'in-progress', undefined);
    }
    world.clock.advance(5 * DAY_MS); // done on 2031-04-06
    await changeImprovementAction(world.deps, owner, met.id, 'done', undefined);
    await changeImprovementAction(world.deps, owner, missed.id, 'done', undefined);
    // After: the 30 days from 2031-04-07: 9 of 10 satisfied a day → 90 %.
    surveyDays('2031-04-07', 30, 10, 9);
    world.clock.set('2031-05-06T23:59:00+08:00');
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ evaluated: 0 });
    world.clock.set('2031-05-07T00:00:00+08:00');
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ evaluated: 2 });
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ evaluated: 0 });

    const evaluated = world.actions.actions.get(met.id)!;
    expect(evaluated.status).toBe('evaluated');
    expect(evaluated.evaluations).toEqual([
      expect.objectContaining({
        met: true,
        baseline: {
          from: '2031-03-02',
          to: '2031-03-31',
          value: 0.6,
          counts: { numerator: 180, denominator: 300 },
        },
        after: {
          from: '2031-04-07',
          to: '2031-05-06',
          value: 0.9,
          counts: { numerator: 270, denominator: 300 },
        },
      }),
    ]);
    const adjusted = world.actions.actions.get(missed.id)!;
    expect(adjusted.status).toBe('needs-adjustment');
    expect(adjusted.evaluations[0]).toMatchObject({ met: false, after: { value: 0.9 } });
    expect(adjusted.dueAt > '2031-05-07').toBe(true);
    expect(adjusted.escalatedAt).toBeUndefined();
    expect(world.outbox.ofType('ImprovementActionEvaluated').map((e) => e.detail.met)).toEqual([
      true,
      false,
    ]);
  });

  it('reads a long window in batches the table takes (100 days a read)', async () => {
    const action = await planImprovementAction(
      world.deps,
      supervisor,
      input({ evaluationDays: 150 }),
    );
    await changeImprovementAction(world.deps, owner, action.id, 'done', undefined);
    world.clock.advance(152 * DAY_MS);
    world.aggregates.reads = 0;
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ evaluated: 1 });
    expect(world.aggregates.reads).toBe(4);
    expect(world.actions.actions.get(action.id)?.evaluations[0]?.baseline.value).toBeNull();
  });
});
