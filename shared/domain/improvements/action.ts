import { localDatePlusDays } from '../calendar/local-date';
import { instantAt, localDateAt } from '../calendar/time-zone';
import { warningMoment } from '../deadline-warning';
import { REPORT_TIME_ZONE } from '../reports/periods';
import { TARGET_FIGURES, type TargetFigure } from '../reports/targets';

/**
 * An improvement action (改进措施), seed 004 §3.4: "制定改进计划：根据反馈分析结果，制定相应的改进计划，
 * 明确目标、措施及责任人 … 实施改进措施 … 效果评估：改进措施实施后，需对其效果进行评估，判断是否达到预期目标，
 * 并根据评估结果进行调整". planned → in-progress → done → evaluated; an evaluation that misses the
 * goal sends it back as needs-adjustment (根据评估结果进行调整); cancelled with a reason.
 */
export const ACTION_STATUSES = [
  'planned',
  'in-progress',
  'done',
  'evaluated',
  'needs-adjustment',
  'cancelled',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The report slice a goal is measured on: the total, or one department, category, channel or agent. */
export type GoalSlice =
  | { dimension: 'all' }
  | { dimension: 'department' | 'category' | 'channel' | 'agent'; value: string };

/** 明确目标: one report figure, on one slice, to reach `target` by `by` (a date). */
export interface ActionGoal {
  figure: TargetFigure;
  slice: GoalSlice;
  target: number;
  by: string;
}

export interface ActionHistoryEntry {
  at: string;
  by: string;
  change: 'planned' | 'started' | 'done' | 'cancelled' | 'evaluated' | 'needs-adjustment';
  note?: string;
}

/** The goal figure over the baseline window and the window after, from the period counters. */
export interface ActionEvaluation {
  at: string;
  met: boolean;
  baseline: EvaluatedWindow;
  after: EvaluatedWindow;
}

/** Whole report days (Asia/Shanghai), first and last included. */
export interface DayWindow {
  from: string;
  to: string;
}

export interface EvaluatedWindow extends DayWindow {
  value: number | null;
  /** What the value was computed from: numerator and denominator of a rate, or the count of durations. */
  counts: Record<string, number>;
}

export interface ImprovementAction {
  id: string;
  title: string;
  /** The findings (report ids: period|figure|slice) and complaints it answers. */
  answers: { findings: string[]; complaints: string[] };
  goal: ActionGoal;
  measures: string[];
  ownerId: string;
  department: string;
  dueAt: string;
  /** How long the baseline window before the start is, and so the window after it is done. */
  evaluationDays: number;
  status: ActionStatus;
  /** When its owner is warned that the due date nears (80 % of the way), once. */
  remindAt: string;
  remindedAt?: string;
  /** When it passed its due date unfinished and was escalated to the supervisor, once. */
  escalatedAt?: string;
  startedAt?: string;
  doneAt?: string;
  cancellation?: { reason: string; at: string };
  evaluations: ActionEvaluation[];
  history: ActionHistoryEntry[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type NewAction = Pick<
  ImprovementAction,
  'title' | 'answers' | 'goal' | 'measures' | 'ownerId' | 'department' | 'dueAt' | 'evaluationDays'
>;

const DAY_MS = 86_400_000;

export const planAction = (
  id: string,
  input: NewAction,
  by: string,
  now: Date,
): ImprovementAction => {
  const at = now.toISOString();
  return {
    id,
    ...input,
    status: 'planned',
    remindAt: warningMoment(at, input.dueAt),
    evaluations: [],
    history: [{ at, by, change: 'planned' }],
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
};

const OPEN: readonly ActionStatus[] = ['planned', 'in-progress', 'needs-adjustment'];
export const isOpenAction = (action: Pick<ImprovementAction, 'status'>): boolean =>
  OPEN.includes(action.status);

/** The status changes people make; `evaluated` and `needs-adjustment` come from the evaluation. */
export type ActionChange = 'in-progress' | 'done' | 'cancelled';

const ALLOWED: Record<ActionChange, readonly ActionStatus[]> = {
  'in-progress': ['planned', 'needs-adjustment'],
  done: ['planned', 'in-progress', 'needs-adjustment'],
  cancelled: ['planned', 'in-progress', 'needs-adjustment'],
};

export const mayChange = (action: ImprovementAction, to: ActionChange): boolean =>
  ALLOWED[to].includes(action.status);

const HISTORY: Record<ActionChange, ActionHistoryEntry['change']> = {
  'in-progress': 'started',
  done: 'done',
  cancelled: 'cancelled',
};

/** A person's change of status (the caller checked `mayChange`), on the action's own timeline. */
export const changeAction = (
  action: ImprovementAction,
  to: ActionChange,
  by: string,
  now: Date,
  note?: string,
): ImprovementAction => {
  const at = now.toISOString();
  return {
    ...action,
    status: to,
    ...(to === 'in-progress' && !action.startedAt ? { startedAt: at } : {}),
    ...(to === 'done' ? { doneAt: at, startedAt: action.startedAt ?? at } : {}),
    ...(to === 'cancelled' ? { cancellation: { reason: note ?? '', at } } : {}),
    history: [...action.history, { at, by, change: HISTORY[to], ...(note ? { note } : {}) }],
    updatedAt: at,
    version: action.version + 1,
  };
};

/**
 * The baseline window — the `evaluationDays` whole days (Asia/Shanghai, the report's days) before
 * the day the action started — and the window after: as many whole days from the day after it
 * was done. Both are read from the daily counters, never from raw records.
 */
export const evaluationWindows = (
  action: Pick<ImprovementAction, 'startedAt' | 'doneAt' | 'evaluationDays'>,
): { baseline: DayWindow; after: DayWindow } | undefined => {
  if (!action.startedAt || !action.doneAt) return undefined;
  const startDay = localDateAt(Date.parse(action.startedAt), REPORT_TIME_ZONE);
  const doneDay = localDateAt(Date.parse(action.doneAt), REPORT_TIME_ZONE);
  return {
    baseline: {
      from: localDatePlusDays(startDay, -action.evaluationDays),
      to: localDatePlusDays(startDay, -1),
    },
    after: {
      from: localDatePlusDays(doneDay, 1),
      to: localDatePlusDays(doneDay, action.evaluationDays),
    },
  };
};

/** Every day of a window, first to last. */
export const daysOf = (window: DayWindow): string[] => {
  const days: string[] = [];
  for (let day = window.from; day <= window.to; day = localDatePlusDays(day, 1)) days.push(day);
  return days;
};

/** The moment the action can be evaluated: once the last day of the window after has ended. */
export const evaluableAt = (action: ImprovementAction): string | undefined => {
  if (action.status !== 'done') return undefined;
  const windows = evaluationWindows(action);
  return windows
    ? new Date(instantAt(localDatePlusDays(windows.after.to, 1), 0, REPORT_TIME_ZONE)).toISOString()
    : undefined;
};

/** Whether a figure's value reaches the goal, the way the figure is better (higher or lower). */
export const goalMet = (goal: ActionGoal, value: number | null): boolean =>
  value !== null &&
  (TARGET_FIGURES[goal.figure].better === 'higher' ? value >= goal.target : value <= goal.target);

/**
 * The next moment the sweep has something to do: remind the owner, escalate past the due date,
 * evaluate the effect; none once evaluated or cancelled.
 */
export const nextActionCheckpoint = (action: ImprovementAction): string | undefined => {
  if (action.status === 'done') return evaluableAt(action);
  if (!isOpenAction(action)) return undefined;
  const moments: string[] = [];
  if (!action.remindedAt && !action.escalatedAt && action.remindAt < action.dueAt) {
    moments.push(action.remindAt);
  }
  if (!action.escalatedAt) moments.push(action.dueAt);
  return moments.sort()[0];
};

export type ActionCheckpoint = 'deadline-near' | 'overdue';

/** Reminder (once, while the due date is ahead), then escalation (once, past it), as revisits. */
export const advanceAction = (
  action: ImprovementAction,
  now: Date,
): { action: ImprovementAction; reached: ActionCheckpoint[] } => {
  if (!isOpenAction(action)) return { action, reached: [] };
  const at = now.toISOString();
  const reached: ActionCheckpoint[] = [];
  let next = action;
  if (!next.remindedAt && !next.escalatedAt && next.remindAt <= at && at < next.dueAt) {
    next = { ...next, remindedAt: at };
    reached.push('deadline-near');
  }
  if (!next.escalatedAt && next.dueAt <= at) {
    next = { ...next, escalatedAt: at };
    reached.push('overdue');
  }
  if (reached.length === 0) return { action, reached };
  return { action: { ...next, updatedAt: at, version: action.version + 1 }, reached };
};

/**
 * Records the effect: met → evaluated; not met → needs-adjustment, open again with a new due date
 * as long as the first one was (the seed's 根据评估结果进行调整), reminded and escalated anew.
 */
export const recordEvaluation = (
  action: ImprovementAction,
  evaluation: ActionEvaluation,
  now: Date,
): ImprovementAction => {
  const at = now.toISOString();
  const entry: ActionHistoryEntry = {
    at,
    by: 'evaluation',
    change: evaluation.met ? 'evaluated' : 'needs-adjustment',
    note: `${action.goal.figure}: ${evaluation.baseline.value ?? '–'} → ${evaluation.after.value ?? '–'} (target ${action.goal.target})`,
  };
  const base = {
    ...action,
    evaluations: [...action.evaluations, evaluation],
    history: [...action.history, entry],
    updatedAt: at,
    version: action.version + 1,
  };
  if (evaluation.met) return { ...base, status: 'evaluated' };
  const span = Date.parse(action.dueAt) - Date.parse(action.createdAt);
  const dueAt = new Date(now.getTime() + Math.max(span, DAY_MS)).toISOString();
  const { remindedAt: _reminded, escalatedAt: _escalated, ...reopened } = base;
  return { ...reopened, status: 'needs-adjustment', dueAt, remindAt: warningMoment(at, dueAt) };
};
