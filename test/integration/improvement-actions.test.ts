import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamodb/keys';
import {
  api,
  documents,
  emailsTo,
  eventually,
  expectCleanProblem,
  signIn,
  stack,
  tokenFor,
} from '../support/harness';
import { advanceTo, clockNow } from '../support/revisits';

interface Action {
  id: string;
  status: string;
  dueAt: string;
  remindAt: string;
  startedAt?: string;
  doneAt?: string;
  escalatedAt?: string;
  evaluations: {
    met: boolean;
    baseline: { from: string; to: string; value: number | null; counts: Record<string, number> };
    after: { from: string; to: string; value: number | null; counts: Record<string, number> };
  }[];
  history: { change: string; by: string }[];
  version: number;
}

const run = Date.now().toString(36);
const DAY_MS = 86_400_000;
const DEPARTMENT = 'finance';
const supervisor = `ia-sup-${run}`;
const owner = `ia-owner-${run}`;
const outsider = `ia-out-${run}`;
/** A category no other test files complaints or surveys under: its counters are this file's. */
const category = `ia-${run}`;
const mailOf = (id: string) => `${id}@staff.example.com`;
const tokens: Record<'supervisor' | 'owner' | 'outsider', string> = {
  supervisor: '',
  owner: '',
  outsider: '',
};
let admin: string;

const shanghaiDay = (instant: number) =>
  new Date(instant + 8 * 3_600_000).toISOString().slice(0, 10);

/** The satisfaction counters of the category on each day: `satisfied` of `surveyed`. */
const surveyDays = async (days: string[], surveyed: number, satisfied: number) => {
  for (const day of days) {
    await documents.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: {
          ...keys.aggregate(day, `CATEGORY#${category}`),
          entityType: 'Aggregate',
          period: day,
          surveyed,
          answered: surveyed,
          score5: satisfied,
          score2: surveyed - satisfied,
        },
      }),
    );
  }
};
const daysFrom = (first: string, count: number) =>
  Array.from({ length: count }, (_, n) =>
    new Date(Date.parse(`${first}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10),
  );

const plan = (token: string, overrides: Record<string, unknown> = {}) =>
  api<Action>('/improvement-actions', {
    token,
    body: {
      title: '提升该类投诉满意度',
      answers: { findings: [`2026-11|satisfactionRate|CATEGORY#${category}`] },
      goal: {
        figure: 'satisfactionRate',
        slice: { dimension: 'category', value: category },
        target: 0.85,
        by: '2027-12-31',
      },
      measures: ['每周复盘', '话术培训'],
      ownerId: owner,
      department: DEPARTMENT,
      dueAt: new Date(Date.now() + 400 * DAY_MS).toISOString(),
      evaluationDays: 7,
      ...overrides,
    },
  });

const sweep = () => api('/_local/schedules/improvement-actions-due/run', { method: 'POST' });
const read = async (id: string) =>
  (await api<Action>(`/improvement-actions/${id}`, { token: admin })).body;
const setStatus = (id: string, token: string, status: string, note?: string) =>
  api<Action>(`/improvement-actions/${id}/status`, {
    token,
    body: { status, ...(note ? { note } : {}) },
  });

beforeAll(async () => {
  admin = await tokenFor(['admin', 'improvements:read', 'improvements:write'], { role: 'admin' });
  for (const [id, role, department] of [
    [supervisor, 'supervisor', DEPARTMENT],
    [owner, 'agent', DEPARTMENT],
    [outsider, 'supervisor', 'logistics'],
  ] as const) {
    const put = await api(`/staff/${id}`, {
      method: 'PUT',
      token: admin,
      body: { name: id, email: mailOf(id), department, role, onDuty: true },
    });
    expect(put.status).toBeLessThan(300);
  }
  const department = await api(`/departments/${DEPARTMENT}`, {
    method: 'PUT',
    token: admin,
    body: { name: '财务部', supervisorId: supervisor },
  });
  expect(department.status).toBeLessThan(300);
  for (const [key, id] of [
    ['supervisor', supervisor],
    ['owner', owner],
    ['outsider', outsider],
  ] as const) {
    const signed = await signIn(id);
    expect(signed.status).toBe(200);
    tokens[key] = signed.body.access_token;
  }
});

// Leave the shared stack as other files expect it: no extra staff on duty.
afterAll(async () => {
  for (const [id, role, department] of [
    [supervisor, 'supervisor', DEPARTMENT],
    [owner, 'agent', DEPARTMENT],
    [outsider, 'supervisor', 'logistics'],
  ] as const) {
    await api(`/staff/${id}`, {
      method: 'PUT',
      token: admin,
      body: { name: id, email: mailOf(id), department, role, onDuty: false },
    });
  }
});

describe('improvement actions (改进措施)', () => {
  it('are planned by the department’s supervisor; an agent or another department is refused', async () => {
    const planned = await plan(tokens.supervisor);
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({ status: 'planned', history: [{ change: 'planned' }] });
    expect((await plan(tokens.owner)).status).toBe(422);
    expect((await plan(tokens.outsider)).status).toBe(422);
    const mine = await api<{ items: Action[] }>('/improvement-actions', { token: tokens.owner });
    expect(mine.body.items.map((item) => item.id)).toContain(planned.body.id);
    expectCleanProblem(
      await api(`/improvement-actions/${planned.body.id}`, { token: tokens.outsider }),
      404,
      'not-found',
    );
    expectCleanProblem(
      await setStatus(planned.body.id, tokens.outsider, 'in-progress'),
      404,
      'not-found',
    );
    expect((await read(planned.body.id)).version).toBe(1);
  });

  it('refuses bad input precisely and stores nothing', async () => {
    const before = await api<{ items: Action[] }>(`/improvement-actions?department=${DEPARTMENT}`, {
      token: tokens.supervisor,
    });
    const cases: [Record<string, unknown>, number][] = [
      [{ answers: { findings: [], complaints: [] } }, 400],
      [{ goal: { figure: 'happiness', target: 1, by: '2027-01-01' } }, 400],
      [
        {
          goal: {
            figure: 'satisfactionRate',
            slice: { dimension: 'all', value: 'x' },
            target: 1,
            by: '2027-01-01',
          },
        },
        400,
      ],
      [{ measures: [] }, 400],
      [{ ownerId: `nobody-${run}` }, 400],
      [{ dueAt: '2020-01-01T00:00:00Z' }, 422],
      [{ evaluationDays: 1000 }, 400],
      [{ status: 'evaluated' }, 400],
    ];
    for (const [overrides, status] of cases) {
      const response = await plan(tokens.supervisor, overrides);
      expect(response.status, JSON.stringify(overrides)).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.text).not.toMatch(/at \w+ \(/);
    }
    const after = await api<{ items: Action[] }>(`/improvement-actions?department=${DEPARTMENT}`, {
      token: tokens.supervisor,
    });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('reminds its owner once, escalates to the supervisor once when overdue', async () => {
    const dueAt = new Date((await clockNow()) + 10 * DAY_MS).toISOString();
    const { body: action } = await plan(tokens.supervisor, { dueAt, title: `催办 ${run}` });
    await advanceTo(action.remindAt);
    await sweep();
    await sweep();
    const reminders = await eventually(async () => {
      const mails = (await emailsTo(mailOf(owner))).filter((mail) =>
        mail.subject.includes(`催办 ${run}`),
      );
      return mails.length > 0 ? mails : undefined;
    }, 'the reminder');
    expect(reminders).toHaveLength(1);
    await advanceTo(action.dueAt);
    await sweep();
    await sweep();
    const escalations = await eventually(async () => {
      const mails = (await emailsTo(mailOf(supervisor))).filter(
        (mail) => mail.subject.includes('overdue') && mail.subject.includes(`催办 ${run}`),
      );
      return mails.length > 0 ? mails : undefined;
    }, 'the escalation');
    expect(escalations).toHaveLength(1);
    const overdue = await api<{ items: Action[] }>(
      `/improvement-actions?department=${DEPARTMENT}&overdue=true`,
      { token: tokens.supervisor },
    );
    expect(overdue.body.items.map((item) => item.id)).toContain(action.id);
  });

  it('evaluates a done action after its window against the baseline: met, then not met', async () => {
    const { body: met } = await plan(tokens.supervisor, { title: `达标 ${run}` });
    const { body: missed } = await plan(tokens.supervisor, {
      title: `未达标 ${run}`,
      goal: {
        figure: 'satisfactionRate',
        slice: { dimension: 'category', value: category },
        target: 0.95,
        by: '2027-12-31',
      },
    });
    for (const { id } of [met, missed]) {
      expect((await setStatus(id, tokens.owner, 'in-progress')).status).toBe(200);
    }
    const startDay = shanghaiDay(await clockNow());
    // Baseline: the 7 days before the start day, 6 of 10 satisfied each day → 60 %.
    const baselineDays = daysFrom(
      new Date(Date.parse(`${startDay}T00:00:00Z`) - 7 * DAY_MS).toISOString().slice(0, 10),
      7,
    );
    await surveyDays(baselineDays, 10, 6);
    await advanceTo((await clockNow()) + 2 * DAY_MS, 0);
    for (const { id } of [met, missed]) {
      const done = await setStatus(id, tokens.owner, 'done', '措施已落实');
      expect(done.status).toBe(200);
      expect((await setStatus(id, tokens.owner, 'done')).body.version).toBe(done.body.version);
    }
    const doneDay = shanghaiDay(await clockNow());
    // After: the 7 days from the day after it was done, 9 of 10 satisfied each day → 90 %.
    const afterDays = daysFrom(
      new Date(Date.parse(`${doneDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10),
      7,
    );
    await surveyDays(afterDays, 10, 9);
    await sweep();
    expect((await read(met.id)).status).toBe('done');
    await advanceTo(Date.parse(`${afterDays.at(-1)}T16:00:00Z`) + 60_000, 0);
    await sweep();
    await sweep();
    const evaluated = await read(met.id);
    expect(evaluated.status).toBe('evaluated');
    expect(evaluated.evaluations).toEqual([
      expect.objectContaining({
        met: true,
        baseline: {
          from: baselineDays[0],
          to: baselineDays.at(-1),
          value: 0.6,
          counts: { numerator: 42, denominator: 70 },
        },
        after: {
          from: afterDays[0],
          to: afterDays.at(-1),
          value: 0.9,
          counts: { numerator: 63, denominator: 70 },
        },
      }),
    ]);
    const adjusted = await read(missed.id);
    expect(adjusted.status).toBe('needs-adjustment');
    expect(adjusted.evaluations).toHaveLength(1);
    expect(adjusted.history.map((entry) => entry.change)).toEqual([
      'planned',
      'started',
      'done',
      'needs-adjustment',
    ]);
  });

  it('cancels only with a reason, by the supervisor', async () => {
    const { body: action } = await plan(tokens.supervisor, { title: `取消 ${run}` });
    expectCleanProblem(
      await setStatus(action.id, tokens.owner, 'cancelled', '没空'),
      422,
      'rule-violated',
    );
    expectCleanProblem(
      await setStatus(action.id, tokens.supervisor, 'cancelled'),
      422,
      'rule-violated',
    );
    const cancelled = await setStatus(
      action.id,
      tokens.supervisor,
      'cancelled',
      '目标已由其他措施覆盖',
    );
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: '目标已由其他措施覆盖' },
    });
  });
});

describe('trainings (培训评估周期)', () => {
  it('plans the three checkpoints, tells their holders once, records results, tracks the attendees', async () => {
    const heldAt = new Date(await clockNow()).toISOString();
    const planned = await api<{
      id: string;
      checkpoints: { name: string; dueAt: string; responsibleId: string; completedAt?: string }[];
    }>('/trainings', {
      token: tokens.supervisor,
      body: {
        topic: `沟通技巧 ${run}`,
        heldAt,
        trainerId: supervisor,
        department: DEPARTMENT,
        attendees: [owner],
        figures: ['satisfactionRate'],
      },
    });
    expect(planned.status).toBe(201);
    const [immediate, oneMonth, threeMonths] = planned.body.checkpoints;
    expect(immediate).toMatchObject({ name: 'immediate', dueAt: heldAt });
    expect(Date.parse(oneMonth!.dueAt)).toBeGreaterThanOrEqual(Date.parse(heldAt) + 28 * DAY_MS);
    expect(Date.parse(threeMonths!.dueAt)).toBeGreaterThanOrEqual(Date.parse(heldAt) + 89 * DAY_MS);
    expectCleanProblem(
      await api(`/trainings/${planned.body.id}`, { token: tokens.outsider }),
      404,
      'not-found',
    );
    await sweep();
    await sweep();
    const told = await eventually(async () => {
      const mails = (await emailsTo(mailOf(supervisor))).filter((mail) =>
        mail.subject.includes(`沟通技巧 ${run}`),
      );
      return mails.length > 0 ? mails : undefined;
    }, 'the first checkpoint mail');
    expect(told).toHaveLength(1);
    for (const task of ['satisfaction-survey', 'knowledge-test']) {
      const recorded = await api(`/trainings/${planned.body.id}/results`, {
        token: tokens.supervisor,
        body: { checkpoint: 'immediate', task, attendeeId: owner, score: 88 },
      });
      expect(recorded.status).toBe(200);
    }
    const early = await api(`/trainings/${planned.body.id}/results`, {
      token: tokens.supervisor,
      body: { checkpoint: 'one-month', task: 'skill-test', attendeeId: owner, passed: true },
    });
    expectCleanProblem(early, 422, 'rule-violated');
    await advanceTo(threeMonths!.dueAt);
    await sweep();
    const read = await api<{
      checkpoints: {
        name: string;
        completedAt?: string;
        remindedAt?: string;
        tracking?: unknown[];
      }[];
    }>(`/trainings/${planned.body.id}`, { token: tokens.owner });
    expect(read.status).toBe(200);
    expect(read.body.checkpoints[0]?.completedAt).toBeDefined();
    expect(read.body.checkpoints.every((checkpoint) => checkpoint.remindedAt)).toBe(true);
    expect(read.body.checkpoints[2]?.tracking).toEqual([
      expect.objectContaining({ staffId: owner, figure: 'satisfactionRate' }),
    ]);
  });
});
