import { ACTION_STATUSES } from '../../domain/improvements/action';
import {
  TRAINING_CHECKPOINTS,
  TRAINING_TASKS,
  type TrainingCheckpointName,
  type TrainingTask,
} from '../../domain/improvements/training';
import { DEPARTMENT_IDS } from '../../domain/organization/departments';
import { TARGET_FIGURES, type TargetFigure } from '../../domain/reports/targets';
import * as z from '../../zod';
import { describe, isoDateTime, pageOf, pageQuery, text, ulidSchema } from './common';

const FIGURES = Object.keys(TARGET_FIGURES) as [TargetFigure, ...TargetFigure[]];
const SLICE_DIMENSIONS = ['all', 'department', 'category', 'channel', 'agent'] as const;

const goalSlice = z
  .strictObject({
    dimension: z.enum(SLICE_DIMENSIONS),
    value: z.optional(
      describe(text(1, 64), 'The department, category, channel or staff id; none for `all`'),
    ),
  })
  .check(
    z.refine((slice) => (slice.dimension === 'all') === (slice.value === undefined), {
      message: 'name a value for a department, category, channel or agent, and none for all',
      path: ['value'],
    }),
  );

const goal = z.strictObject({
  figure: describe(z.enum(FIGURES), 'A report figure with a target (GET /report-settings)'),
  slice: z._default(goalSlice, { dimension: 'all' as const }),
  target: describe(
    z.number().check(z.gte(0), z.lte(1_000_000)),
    'The value to reach: a rate as a fraction (0.9), first-response time in business hours',
  ),
  by: describe(z.iso.date(), 'The date by which to reach it'),
});

export const newActionBody = z
  .strictObject({
    title: text(1, 200),
    answers: describe(
      z.strictObject({
        findings: z._default(
          z
            .array(
              describe(text(1, 200), 'A finding id from the report: <period>|<figure>|<slice>'),
            )
            .check(z.maxLength(20)),
          [],
        ),
        complaints: z._default(z.array(ulidSchema).check(z.maxLength(50)), []),
      }),
      'The findings and complaints the action answers: at least one',
    ),
    goal,
    measures: describe(
      z.array(text(1, 500)).check(z.minLength(1), z.maxLength(20)),
      '措施: what will be done',
    ),
    ownerId: describe(text(1, 64), '责任人: the staff member who answers for it'),
    department: z.enum(DEPARTMENT_IDS),
    dueAt: describe(isoDateTime, 'When the measures are to be done'),
    evaluationDays: z._default(
      describe(
        z.int().check(z.gte(1), z.lte(180)),
        'The baseline window before the start, in days, and so the window after it is done',
      ),
      30,
    ),
  })
  .check(
    z.refine((body) => body.answers.findings.length + body.answers.complaints.length > 0, {
      message: 'name the finding(s) or complaint(s) the action answers',
      path: ['answers'],
    }),
  )
  .register(z.globalRegistry, { id: 'NewImprovementAction' });

const evaluatedWindow = z.object({
  from: z.string(),
  to: z.string(),
  value: z.nullable(z.number()),
  counts: z.record(z.string(), z.number()),
});

export const actionSchema = z
  .object({
    id: ulidSchema,
    title: z.string(),
    answers: z.object({ findings: z.array(z.string()), complaints: z.array(z.string()) }),
    goal: z.object({
      figure: z.enum(FIGURES),
      slice: z.object({ dimension: z.enum(SLICE_DIMENSIONS), value: z.optional(z.string()) }),
      target: z.number(),
      by: z.string(),
    }),
    measures: z.array(z.string()),
    ownerId: z.string(),
    department: z.string(),
    dueAt: z.string(),
    evaluationDays: z.int(),
    status: z.enum(ACTION_STATUSES),
    remindAt: describe(z.string(), 'When the owner is reminded: 80 % of the way to the due date'),
    remindedAt: z.optional(z.string()),
    escalatedAt: z.optional(
      describe(z.string(), 'When it passed its due date unfinished and went to the supervisor'),
    ),
    startedAt: z.optional(z.string()),
    doneAt: z.optional(z.string()),
    cancellation: z.optional(z.object({ reason: z.string(), at: z.string() })),
    evaluations: z.array(
      z.object({
        at: z.string(),
        met: z.boolean(),
        baseline: evaluatedWindow,
        after: evaluatedWindow,
      }),
    ),
    history: z.array(
      z.object({
        at: z.string(),
        by: z.string(),
        change: z.string(),
        note: z.optional(z.string()),
      }),
    ),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'ImprovementAction' });

export const actionPage = pageOf(actionSchema, 'ImprovementActionPage');
export const actionPathParams = z.strictObject({ actionId: ulidSchema });

export const listActionsQuery = z.strictObject({
  status: z.optional(z.enum(ACTION_STATUSES)),
  owner: z.optional(text(1, 64)),
  department: z.optional(z.enum(DEPARTMENT_IDS)),
  overdue: z.optional(
    describe(z.enum(['true', 'false']), 'true: only those past their due date, unfinished'),
  ),
  ...pageQuery,
});

export const actionStatusBody = z
  .strictObject({
    status: describe(
      z.enum(['in-progress', 'done', 'cancelled']),
      'Evaluated and needs-adjustment come from the evaluation, not from people',
    ),
    note: z.optional(
      describe(text(1, 2000), 'Kept on the timeline; the reason, for a cancellation'),
    ),
  })
  .register(z.globalRegistry, { id: 'ImprovementActionStatusChange' });

const CHECKPOINT_NAMES = Object.keys(TRAINING_CHECKPOINTS) as [
  TrainingCheckpointName,
  ...TrainingCheckpointName[],
];

export const newTrainingBody = z
  .strictObject({
    topic: text(1, 200),
    heldAt: describe(isoDateTime, 'When the training ended: the cycle counts from then'),
    trainerId: text(1, 64),
    department: z.enum(DEPARTMENT_IDS),
    attendees: describe(
      z.array(text(1, 64)).check(z.minLength(1), z.maxLength(100)),
      'Staff ids of the attendees',
    ),
    figures: z._default(
      describe(
        z.array(z.enum(FIGURES)).check(z.maxLength(7)),
        "The report figures it is meant to move: each attendee's, tracked at three months",
      ),
      [],
    ),
    improvementActionId: z.optional(
      describe(ulidSchema, 'The improvement action of the department it is a measure of'),
    ),
  })
  .check(
    z.refine((body) => new Set(body.attendees).size === body.attendees.length, {
      message: 'each attendee once',
      path: ['attendees'],
    }),
  )
  .register(z.globalRegistry, { id: 'NewTraining' });

const taskResult = z.object({
  score: z.optional(z.number()),
  passed: z.optional(z.boolean()),
  notes: z.optional(z.string()),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const trainingSchema = z
  .object({
    id: ulidSchema,
    topic: z.string(),
    heldAt: z.string(),
    trainerId: z.string(),
    department: z.string(),
    attendees: z.array(z.string()),
    figures: z.array(z.enum(FIGURES)),
    improvementActionId: z.optional(z.string()),
    checkpoints: z.array(
      z.object({
        name: z.enum(CHECKPOINT_NAMES),
        dueAt: z.string(),
        responsibleId: describe(z.string(), 'Whose list it is on: the trainer or the supervisor'),
        remindedAt: z.optional(z.string()),
        results: describe(
          z.record(z.string(), z.record(z.string(), taskResult)),
          'By task, then by attendee',
        ),
        completedAt: z.optional(z.string()),
        tracking: z.optional(
          z.array(
            z.object({
              staffId: z.string(),
              figure: z.enum(FIGURES),
              before: evaluatedWindow,
              after: evaluatedWindow,
            }),
          ),
        ),
      }),
    ),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'Training' });

export const trainingPage = pageOf(trainingSchema, 'TrainingPage');
export const trainingPathParams = z.strictObject({ trainingId: ulidSchema });
export const listTrainingsQuery = z.strictObject({
  department: z.optional(z.enum(DEPARTMENT_IDS)),
  trainer: z.optional(text(1, 64)),
  ...pageQuery,
});

export const trainingResultBody = z
  .strictObject({
    checkpoint: z.enum(CHECKPOINT_NAMES),
    task: z.enum(TRAINING_TASKS as [TrainingTask, ...TrainingTask[]]),
    attendeeId: text(1, 64),
    score: z.optional(z.number().check(z.gte(0), z.lte(100))),
    passed: z.optional(z.boolean()),
    notes: z.optional(text(1, 2000)),
  })
  .check(
    z.refine(
      (body) => body.score !== undefined || body.passed !== undefined || body.notes !== undefined,
      { message: 'record a score, pass/fail or notes', path: ['score'] },
    ),
  )
  .register(z.globalRegistry, { id: 'TrainingResult' });
