import type { BusinessCalendar } from '../calendar/business-calendar';
import { hours } from '../calendar/business-calendar';
import type { Tier } from '../customers/customer';
import type { Category, ComplaintChannel, Priority } from './complaint';

/** A deadline: so long after the complaint was received, on the business or the wall clock. */
export interface SlaTarget {
  afterMs: number;
  clock: 'business' | 'calendar';
}

export interface SlaPolicy {
  id: string;
  when: {
    priorities?: Priority[] | undefined;
    categories?: Category[] | undefined;
    channels?: ComplaintChannel[] | undefined;
    tiers?: Tier[] | undefined;
  };
  firstResponse: SlaTarget;
  resolution: SlaTarget;
  /** After the first breach, how long until the department head is told (default 8 h). */
  secondEscalationAfterMs?: number | undefined;
  /** Days of silence after the result before the complaint closes itself (default 7). */
  autoCloseAfterDays?: number | undefined;
}

/**
 * The standards: a first reply within 24 business hours, a resolution reply within 48 hours at
 * most. Urgent complaints get tighter targets. The first policy that matches applies.
 */
export const DEFAULT_SLA_POLICIES: SlaPolicy[] = [
  {
    id: 'p1-urgent',
    when: { priorities: ['P1'] },
    firstResponse: { afterMs: hours(2), clock: 'business' },
    resolution: { afterMs: hours(24), clock: 'calendar' },
  },
  {
    id: 'p2-high',
    when: { priorities: ['P2'] },
    firstResponse: { afterMs: hours(8), clock: 'business' },
    resolution: { afterMs: hours(48), clock: 'calendar' },
  },
  {
    id: 'standard',
    when: {},
    firstResponse: { afterMs: hours(24), clock: 'business' },
    resolution: { afterMs: hours(48), clock: 'calendar' },
  },
];

export interface SlaFacts {
  priority: Priority;
  category: Category;
  channel: ComplaintChannel;
  tier: Tier;
}

const anyOf = <T>(allowed: T[] | undefined, value: T) =>
  allowed === undefined || allowed.length === 0 || allowed.includes(value);

export const matchSlaPolicy = (policies: SlaPolicy[], facts: SlaFacts): SlaPolicy => {
  const policy = policies.find(
    ({ when }) =>
      anyOf(when.priorities, facts.priority) &&
      anyOf(when.categories, facts.category) &&
      anyOf(when.channels, facts.channel) &&
      anyOf(when.tiers, facts.tier),
  );
  const fallback = DEFAULT_SLA_POLICIES[DEFAULT_SLA_POLICIES.length - 1];
  if (!policy && !fallback) throw new Error('no SLA policy');
  return policy ?? (fallback as SlaPolicy);
};

/** The deadlines of a complaint, how they were computed, and which alerts were raised. */
export interface ComplaintSla {
  policyId: string;
  firstResponse: SlaTarget;
  resolution: SlaTarget;
  firstResponseDue: string;
  resolutionDue: string;
  /** e.g. "no public-holiday data for 2031: weekends only". */
  warnings: string[];
  /** Waiting on the customer stops the clocks; paused time is added back to every deadline. */
  pausedAt?: string | undefined;
  pausedBusinessMs: number;
  pausedCalendarMs: number;
  pauses: { from: string; to: string }[];
  /** Checkpoints already raised (`firstResponse:warning`, `resolution:breach`, `escalation:2`…). */
  raised: string[];
  /** The earliest checkpoint still to come; absent while paused or when nothing is left. */
  nextCheckAt?: string | undefined;
  secondEscalationAfterMs?: number | undefined;
}

/** Share of a target after which a warning is raised. */
export const WARNING_SHARE = 0.8;

export type SlaTargetName = 'firstResponse' | 'resolution';

export interface SlaCheckpoint {
  key: string;
  at: string;
  kind: 'warning' | 'breach' | 'escalation';
  target: SlaTargetName;
  level?: number;
}

const after = (
  calendar: BusinessCalendar,
  start: Date,
  target: SlaTarget,
  share: number,
  sla: Pick<ComplaintSla, 'pausedBusinessMs' | 'pausedCalendarMs'>,
) => {
  const afterMs = Math.round(target.afterMs * share);
  if (target.clock === 'calendar') {
    return { at: new Date(start.getTime() + afterMs + sla.pausedCalendarMs), warnings: [] };
  }
  const { at, warnings } = calendar.addBusinessTime(start, afterMs + sla.pausedBusinessMs);
  return { at, warnings: warnings.map((warning) => warning.message) };
};

/** After a breach, how long until the department head is told if it is still unmet. */
export const DEFAULT_SECOND_ESCALATION_MS = hours(8);

/** Progress that decides which targets still count. */
export interface SlaProgress {
  receivedAt: string;
  firstRespondedAt?: string | undefined;
  resolvedAt?: string | undefined;
  open: boolean;
}

/** Every checkpoint of the targets not met yet, raised or not, in time order. */
export const slaCheckpoints = (
  calendar: BusinessCalendar,
  sla: ComplaintSla,
  progress: SlaProgress,
): SlaCheckpoint[] => {
  if (!progress.open) return [];
  const start = new Date(progress.receivedAt);
  const checkpoints: SlaCheckpoint[] = [];
  const targets: [SlaTargetName, SlaTarget, boolean][] = [
    ['firstResponse', sla.firstResponse, progress.firstRespondedAt === undefined],
    ['resolution', sla.resolution, progress.resolvedAt === undefined],
  ];
  let firstBreach: Date | undefined;
  for (const [name, target, pending] of targets) {
    if (!pending) continue;
    const warning = after(calendar, start, target, WARNING_SHARE, sla).at;
    const breach = after(calendar, start, target, 1, sla).at;
    checkpoints.push({
      key: `${name}:warning`,
      at: warning.toISOString(),
      kind: 'warning',
      target: name,
    });
    checkpoints.push({
      key: `${name}:breach`,
      at: breach.toISOString(),
      kind: 'breach',
      target: name,
    });
    if (!firstBreach || breach < firstBreach) firstBreach = breach;
  }
  if (firstBreach) {
    const target =
      checkpoints.find((c) => c.kind === 'breach' && c.at === firstBreach?.toISOString())?.target ??
      'resolution';
    checkpoints.push({
      key: 'escalation:1',
      at: firstBreach.toISOString(),
      kind: 'escalation',
      target,
      level: 1,
    });
    checkpoints.push({
      key: 'escalation:2',
      at: new Date(
        firstBreach.getTime() + (sla.secondEscalationAfterMs ?? DEFAULT_SECOND_ESCALATION_MS),
      ).toISOString(),
      kind: 'escalation',
      target,
      level: 2,
    });
  }
  return checkpoints.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
};

/** The checkpoints due by `now` that were not raised yet, and when the next one falls. */
export const dueCheckpoints = (
  calendar: BusinessCalendar,
  sla: ComplaintSla,
  progress: SlaProgress,
  now: Date,
): { due: SlaCheckpoint[]; nextCheckAt: string | undefined } => {
  if (sla.pausedAt) return { due: [], nextCheckAt: undefined };
  const pending = slaCheckpoints(calendar, sla, progress).filter(
    (checkpoint) => !sla.raised.includes(checkpoint.key),
  );
  const moment = now.toISOString();
  return {
    due: pending.filter((checkpoint) => checkpoint.at <= moment),
    nextCheckAt: pending.find((checkpoint) => checkpoint.at > moment)?.at,
  };
};

/** Recomputes the shown deadlines and the next checkpoint after any change. */
export const refreshSla = (
  calendar: BusinessCalendar,
  sla: ComplaintSla,
  progress: SlaProgress,
  now: Date,
): ComplaintSla => {
  const start = new Date(progress.receivedAt);
  const first = after(calendar, start, sla.firstResponse, 1, sla);
  const resolution = after(calendar, start, sla.resolution, 1, sla);
  const pending = sla.pausedAt
    ? []
    : slaCheckpoints(calendar, sla, progress).filter((c) => !sla.raised.includes(c.key));
  const moment = now.toISOString();
  // A checkpoint already past but not raised is still due: the sweep must see it.
  const next = pending[0]?.at;
  return {
    ...sla,
    firstResponseDue: first.at.toISOString(),
    resolutionDue: resolution.at.toISOString(),
    warnings: [...new Set([...sla.warnings, ...first.warnings, ...resolution.warnings])],
    nextCheckAt: next !== undefined && next < moment ? moment : next,
  };
};

export const planSla = (
  calendar: BusinessCalendar,
  policy: SlaPolicy,
  receivedAt: Date,
  now: Date = receivedAt,
): ComplaintSla =>
  refreshSla(
    calendar,
    {
      policyId: policy.id,
      firstResponse: policy.firstResponse,
      resolution: policy.resolution,
      firstResponseDue: '',
      resolutionDue: '',
      warnings: [],
      pausedBusinessMs: 0,
      pausedCalendarMs: 0,
      pauses: [],
      raised: [],
      ...(policy.secondEscalationAfterMs
        ? { secondEscalationAfterMs: policy.secondEscalationAfterMs }
        : {}),
    },
    { receivedAt: receivedAt.toISOString(), open: true },
    now,
  );

export const pauseSla = (sla: ComplaintSla, now: Date): ComplaintSla => ({
  ...sla,
  pausedAt: now.toISOString(),
  nextCheckAt: undefined,
});

/** Ends a pause: the time spent waiting on the customer is added to every deadline. */
export const resumeSla = (
  calendar: BusinessCalendar,
  sla: ComplaintSla,
  progress: SlaProgress,
  now: Date,
): ComplaintSla => {
  if (!sla.pausedAt) return refreshSla(calendar, sla, progress, now);
  const from = new Date(sla.pausedAt);
  const resumed: ComplaintSla = {
    ...sla,
    pausedAt: undefined,
    pausedBusinessMs: sla.pausedBusinessMs + calendar.businessTimeBetween(from, now).ms,
    pausedCalendarMs: sla.pausedCalendarMs + Math.max(0, now.getTime() - from.getTime()),
    pauses: [...sla.pauses, { from: sla.pausedAt, to: now.toISOString() }],
  };
  return refreshSla(calendar, resumed, progress, now);
};

/** What of a complaint's progress the SLA depends on. */
export const progressOf = (complaint: {
  receivedAt: string;
  status: string;
  firstRespondedAt?: string | undefined;
  resolution?: { resolvedAt: string } | undefined;
}): SlaProgress => {
  const ended = complaint.status === 'resolved' || complaint.status === 'closed';
  return {
    receivedAt: complaint.receivedAt,
    firstRespondedAt: complaint.firstRespondedAt,
    resolvedAt: ended ? complaint.resolution?.resolvedAt : undefined,
    open: !ended,
  };
};

export interface DeadlineView {
  due: string;
  met: boolean;
  /** Business hours from now to the deadline; negative once it has passed. */
  businessHoursLeft: number;
}

const roundHours = (ms: number) => Math.round((ms / 3_600_000) * 100) / 100;

/** How much time is left on each target, in business hours, as agents see it. */
export const deadlinesView = (
  calendar: BusinessCalendar,
  sla: ComplaintSla,
  progress: SlaProgress,
  now: Date,
): { firstResponse: DeadlineView; resolution: DeadlineView; paused: boolean } => {
  const view = (due: string, met: boolean): DeadlineView => {
    const dueAt = new Date(due);
    const left =
      dueAt >= now
        ? calendar.businessTimeBetween(now, dueAt).ms
        : -calendar.businessTimeBetween(dueAt, now).ms;
    return { due, met, businessHoursLeft: roundHours(left) };
  };
  return {
    firstResponse: view(sla.firstResponseDue, progress.firstRespondedAt !== undefined),
    resolution: view(sla.resolutionDue, progress.resolvedAt !== undefined),
    paused: sla.pausedAt !== undefined,
  };
};
