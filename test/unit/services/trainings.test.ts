import { beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintActor } from '../../../shared/domain/complaints/access';
import { sweepImprovementActions } from '../../../shared/services/improvements/due-sweep';
import {
  planTrainingCycle,
  recordTrainingResult,
} from '../../../shared/services/improvements/trainings';
import { improvementWorld } from '../../support/fakes/improvements';

const DAY_MS = 86_400_000;
const supervisor: ComplaintActor = {
  subject: 'zhou-min',
  role: 'supervisor',
  department: 'logistics',
};
const trainer: ComplaintActor = { subject: 'chen-jie', role: 'staff', department: 'logistics' };

let world: ReturnType<typeof improvementWorld>;

beforeEach(() => {
  world = improvementWorld('2031-04-01T02:00:00.000Z');
  world.organization.seedDepartment(
    'logistics',
    [{ id: 'zhou-min' }, { id: 'chen-jie' }, { id: 'li-na' }, { id: 'wang-fang' }],
    { supervisorId: 'zhou-min' },
  );
});

const plan = () =>
  planTrainingCycle(world.deps, supervisor, {
    topic: '投诉沟通技巧',
    heldAt: world.clock.now().toISOString(),
    trainerId: 'chen-jie',
    department: 'logistics',
    attendees: ['li-na', 'wang-fang'],
    figures: ['satisfactionRate'],
  });

describe('the training cycle (seed 002 §1.1.43 评估周期)', () => {
  it('plans its three checkpoints at once, one month and three months, for trainer and supervisor', async () => {
    const training = await plan();
    expect(
      training.checkpoints.map(({ name, dueAt, responsibleId }) => [name, dueAt, responsibleId]),
    ).toEqual([
      ['immediate', '2031-04-01T02:00:00.000Z', 'chen-jie'],
      ['one-month', '2031-05-01T02:00:00.000Z', 'zhou-min'],
      ['three-months', '2031-07-01T02:00:00.000Z', 'zhou-min'],
    ]);
    await expect(
      planTrainingCycle(world.deps, trainer, {
        topic: 'x',
        heldAt: training.heldAt,
        trainerId: 'chen-jie',
        department: 'logistics',
        attendees: ['li-na'],
        figures: [],
      }),
    ).rejects.toMatchObject({ kind: 'rule-violated' });
    await expect(
      planTrainingCycle(world.deps, supervisor, {
        topic: 'x',
        heldAt: training.heldAt,
        trainerId: 'chen-jie',
        department: 'logistics',
        attendees: ['li-na', 'nobody'],
        figures: [],
      }),
    ).rejects.toMatchObject({ kind: 'invalid-reference' });
  });

  it('tells each holder once when a checkpoint falls due, and records results until complete', async () => {
    const training = await plan();
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ trainingCheckpoints: 1 });
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ trainingCheckpoints: 0 });
    await expect(
      recordTrainingResult(world.deps, trainer, training.id, {
        checkpoint: 'one-month',
        task: 'skill-test',
        attendeeId: 'li-na',
        passed: true,
      }),
    ).rejects.toMatchObject({ kind: 'rule-violated' });
    let latest = training;
    for (const task of ['satisfaction-survey', 'knowledge-test'] as const) {
      for (const attendeeId of ['li-na', 'wang-fang']) {
        latest = await recordTrainingResult(world.deps, trainer, training.id, {
          checkpoint: 'immediate',
          task,
          attendeeId,
          score: 90,
        });
      }
    }
    expect(latest.checkpoints[0]?.completedAt).toBe(world.clock.now().toISOString());
    await expect(
      recordTrainingResult(world.deps, trainer, training.id, {
        checkpoint: 'immediate',
        task: 'skill-test',
        attendeeId: 'li-na',
        score: 1,
      }),
    ).rejects.toMatchObject({ details: { fields: ['task'] } });
    world.clock.advance(30 * DAY_MS);
    expect(await sweepImprovementActions(world.deps)).toMatchObject({ trainingCheckpoints: 1 });
    expect(
      world.outbox.ofType('TrainingCheckpointDue').map((event) => event.detail.responsibleId),
    ).toEqual(['chen-jie', 'zhou-min']);
  });

  it("takes each attendee's figures before and after the training at three months", async () => {
    // Before the training day at 50 %, after it at 80 %, in li-na's counter item.
    for (let day = -91; day <= 91; day++) {
      const name = new Date(Date.parse('2031-04-01T00:00:00Z') + day * DAY_MS)
        .toISOString()
        .slice(0, 10);
      const satisfied = day < 0 ? 5 : 8;
      world.aggregates.add(name, 'AGENT#li-na', { surveyed: 10, score5: satisfied });
    }
    const training = await plan();
    world.clock.set('2031-07-01T02:00:00.000Z');
    await sweepImprovementActions(world.deps);
    const tracking = world.trainings.trainings.get(training.id)?.checkpoints[2]?.tracking;
    expect(tracking).toEqual([
      {
        staffId: 'li-na',
        figure: 'satisfactionRate',
        before: expect.objectContaining({ from: '2031-01-01', to: '2031-03-31', value: 0.5 }),
        after: expect.objectContaining({ from: '2031-04-02', to: '2031-06-30', value: 0.8 }),
      },
      {
        staffId: 'wang-fang',
        figure: 'satisfactionRate',
        before: expect.objectContaining({ value: null }),
        after: expect.objectContaining({ value: null }),
      },
    ]);
  });
});
