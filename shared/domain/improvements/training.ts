import { localDatePlusDays, requireMidnightAsUtc } from '../calendar/local-date';
import { localDateAt } from '../calendar/time-zone';
import { REPORT_TIME_ZONE } from '../reports/periods';
import type { TargetFigure } from '../reports/targets';
import type { DayWindow, EvaluatedWindow } from './action';

/**
 * The training cycle of seed 002 ch. 9 §1.1.43 评估周期: "(1)培训结束后立即进行满意度调查和知识测试；
 * (2)培训后一个月进行技能测试和绩效考核；(3)培训后三个月进行绩效跟踪评估", with the methods of §1.1.41
 * (培训满意度调查, 知识测试, 技能测试, 绩效考核). The trainer holds the first checkpoint; the
 * department's supervisor the two later ones (绩效考核 is management's).
 */
export const TRAINING_CHECKPOINTS = {
  immediate: {
    months: 0,
    tasks: ['satisfaction-survey', 'knowledge-test'],
    responsible: 'trainer',
  },
  'one-month': {
    months: 1,
    tasks: ['skill-test', 'performance-review'],
    responsible: 'supervisor',
  },
  'three-months': {
    months: 3,
    tasks: ['performance-tracking'],
    responsible: 'supervisor',
  },
} as const;
export type TrainingCheckpointName = keyof typeof TRAINING_CHECKPOINTS;
export type TrainingTask = (typeof TRAINING_CHECKPOINTS)[TrainingCheckpointName]['tasks'][number];
export const TRAINING_TASKS: readonly TrainingTask[] = [
  ...new Set(Object.values(TRAINING_CHECKPOINTS).flatMap((checkpoint) => checkpoint.tasks)),
];

export interface TaskResult {
  score?: number;
  passed?: boolean;
  notes?: string;
  recordedBy: string;
  recordedAt: string;
}

/** Each attendee's figure before the training and after it: the three-month tracking. */
export interface AttendeeTracking {
  staffId: string;
  figure: TargetFigure;
  before: EvaluatedWindow;
  after: EvaluatedWindow;
}

export interface TrainingCheckpoint {
  name: TrainingCheckpointName;
  dueAt: string;
  /** The staff member whose list it is on: the trainer, or the department's supervisor. */
  responsibleId: string;
  remindedAt?: string;
  /** Results by task, then by attendee. */
  results: Partial<Record<TrainingTask, Record<string, TaskResult>>>;
  completedAt?: string;
  /** The three-month checkpoint's figures, taken when it falls due. */
  tracking?: AttendeeTracking[];
}

export interface Training {
  id: string;
  topic: string;
  heldAt: string;
  trainerId: string;
  department: string;
  attendees: string[];
  /** The report figures it is meant to move, tracked per attendee at three months. */
  figures: TargetFigure[];
  /** The improvement action it is a measure of, if any. */
  improvementActionId?: string;
  checkpoints: TrainingCheckpoint[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type NewTraining = Pick<
  Training,
  'topic' | 'heldAt' | 'trainerId' | 'department' | 'attendees' | 'figures'
> & { improvementActionId?: string | undefined };

const addMonths = (instant: string, months: number): string => {
  const at = new Date(instant);
  at.setUTCMonth(at.getUTCMonth() + months);
  return at.toISOString();
};

/** The cycle planned from the standard: immediately after, one month after, three months after. */
export const planTraining = (
  id: string,
  input: NewTraining,
  supervisorId: string,
  by: string,
  now: Date,
): Training => {
  const at = now.toISOString();
  const { improvementActionId, ...rest } = input;
  return {
    id,
    ...rest,
    ...(improvementActionId ? { improvementActionId } : {}),
    checkpoints: (Object.keys(TRAINING_CHECKPOINTS) as TrainingCheckpointName[]).map((name) => ({
      name,
      dueAt: addMonths(input.heldAt, TRAINING_CHECKPOINTS[name].months),
      responsibleId:
        TRAINING_CHECKPOINTS[name].responsible === 'trainer' ? input.trainerId : supervisorId,
      results: {},
    })),
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
};

const complete = (checkpoint: TrainingCheckpoint, attendees: string[]): boolean =>
  TRAINING_CHECKPOINTS[checkpoint.name].tasks.every((task) =>
    attendees.every((attendee) => checkpoint.results[task]?.[attendee] !== undefined),
  );

/**
 * Records one attendee's result of one task of a checkpoint (a second record replaces the first:
 * a correction); the checkpoint is complete once every attendee has every result.
 */
export const recordTaskResult = (
  training: Training,
  name: TrainingCheckpointName,
  task: TrainingTask,
  attendeeId: string,
  result: TaskResult,
  now: Date,
): Training => {
  const at = now.toISOString();
  return {
    ...training,
    checkpoints: training.checkpoints.map((checkpoint) => {
      if (checkpoint.name !== name) return checkpoint;
      const next = {
        ...checkpoint,
        results: {
          ...checkpoint.results,
          [task]: { ...checkpoint.results[task], [attendeeId]: result },
        },
      };
      return complete(next, training.attendees) && !next.completedAt
        ? { ...next, completedAt: at }
        : next;
    }),
    updatedAt: at,
    version: training.version + 1,
  };
};

/** The next moment the sweep has something to do: a checkpoint falls due and its holder is told. */
export const nextTrainingCheckpoint = (training: Training): string | undefined =>
  training.checkpoints
    .filter((checkpoint) => !checkpoint.remindedAt && !checkpoint.completedAt)
    .map((checkpoint) => checkpoint.dueAt)
    .sort()[0];

/** The checkpoints whose time has come and whose holder has not been told yet. */
export const checkpointsFallingDue = (training: Training, now: Date): TrainingCheckpoint[] =>
  training.checkpoints.filter(
    (checkpoint) =>
      !checkpoint.remindedAt && !checkpoint.completedAt && checkpoint.dueAt <= now.toISOString(),
  );

const DAY_MS = 86_400_000;
/**
 * The windows of the three-month tracking: after — the whole days from the day after the training
 * to the day before the checkpoint; before — as many days before the training day.
 */
export const trackingWindows = (
  heldAt: string,
  trackedAt: string,
): { before: DayWindow; after: DayWindow } => {
  const day = localDateAt(Date.parse(heldAt), REPORT_TIME_ZONE);
  const last = localDatePlusDays(localDateAt(Date.parse(trackedAt), REPORT_TIME_ZONE), -1);
  const days = Math.max(
    1,
    Math.round((requireMidnightAsUtc(last) - requireMidnightAsUtc(day)) / DAY_MS),
  );
  return {
    before: { from: localDatePlusDays(day, -days), to: localDatePlusDays(day, -1) },
    after: { from: localDatePlusDays(day, 1), to: localDatePlusDays(day, days) },
  };
};

/** Marks checkpoints told (and the tracking taken), once. */
export const markReminded = (
  training: Training,
  names: TrainingCheckpointName[],
  tracking: AttendeeTracking[] | undefined,
  now: Date,
): Training => {
  const at = now.toISOString();
  return {
    ...training,
    checkpoints: training.checkpoints.map((checkpoint) =>
      names.includes(checkpoint.name)
        ? {
            ...checkpoint,
            remindedAt: at,
            ...(checkpoint.name === 'three-months' && tracking ? { tracking } : {}),
          }
        : checkpoint,
    ),
    updatedAt: at,
    version: training.version + 1,
  };
};
