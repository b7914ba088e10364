import type { BusinessCalendar } from '../calendar/business-calendar';
import { hours } from '../calendar/business-calendar';
import type { Tier } from '../customers/customer';
import type { Category, ComplaintChannel, Priority } from './classification';
import { WARNING_SHARE } from '../deadline-warning';

export type SlaTargetName = 'firstResponse' | 'resolution';

/**
 * A deadline: so long after the complaint was received, on the business or the wall clock, and
 * at most `maxClockHours` clock hours after it whatever the business clock says (the earlier of
 * the two counts). `maxClockHours` absent: the target's default cap
 * (`DEFAULT_MAX_CLOCK_HOURS`); `null`: no cap.
 */
export interface SlaTarget {
  afterMs: number;
  clock: 'business' | 'calendar';
  maxClockHours?: number | null | undefined;
}

/**
 * The standards (seed 002 ch. 5 §1.1.22): a reply within 48 hours of receipt at the longest. A
 * first-response target that states no cap gets this one; a resolution target without a cap has
 * none beyond its own clock.
 */
export const DEFAULT_MAX_CLOCK_HOURS: Readonly<Record<SlaTargetName, number | null>> = {
  firstResponse: 48,
  resolution: null,
};

/** The cap of a target in milliseconds, or undefined when it has none. */
export const capMs = (name: SlaTargetName, target: SlaTarget): number | undefined => {
  const cap =
    target.maxClockHours === undefined ? DEFAULT_MAX_CLOCK_HOURS[name] : target.maxClockHours;
  return cap === null ? undefined : hours(cap);
};

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
  /** After the first escalation, how long until the department head is told (default 8 h). */
  secondEscalationAfterMs?: number | undefined;
  /**
   * Escalations (and their emails) that fall outside the department's working hours wait for its
   * next working moment. Absent: false, they go out when due, as before the field existed.
   */
  escalationsWaitForWorkingHours?: boolean | undefined;
  /** Days of silence after the result before the complaint closes itself (default 7). */
  autoCloseAfterDays?: number | undefined;
}

/**
 * The standards: a reply within 48 hours of receipt at the longest (first reply 24 business hours,
 * capped at 48 clock hours; resolution 48 clock hours). Urgent complaints get tighter targets and
 * escalate at once, day or night; the others wait for working hours to escalate. The first policy
 * that matches applies. Every later deadline falls on or after the earlier one
 * (`policyIncoherence` finds none here; a unit test checks it over weekends and holidays).
 */
export const DEFAULT_SLA_POLICIES: SlaPolicy[] = [
  {
    id: 'p1-urgent',
    when: { priorities: ['P1'] },
    firstResponse: { afterMs: hours(2), clock: 'business', maxClockHours: 12 },
    resolution: { afterMs: hours(24), clock: 'calendar', maxClockHours: null },
    escalationsWaitForWorkingHours: false,
  },
  {
    id: 'p2-high',
    when: { priorities: ['P2'] },
    firstResponse: { afterMs: hours(8), clock: 'business', maxClockHours: 48 },
    resolution: { afterMs: hours(48), clock: 'calendar', maxClockHours: null },
    escalationsWaitForWorkingHours: true,
  },
  {
    id: 'standard',
    when: {},
    firstResponse: { afterMs: hours(24), clock: 'business', maxClockHours: 48 },
    resolution: { afterMs: hours(48), clock: 'calendar', maxClockHours: null },
    escalationsWaitForWorkingHours: true,
  },
];

/** The earliest a target can fall due after receipt, on any calendar (business time ≥ clock time). */
const earliestMs = (name: SlaTargetName, target: SlaTarget) =>
  Math.min(target.afterMs, capMs(name, target) ?? Infinity);

/** The latest a target can fall due after receipt, on any calendar; Infinity when unbounded. */
const latestMs = (name: SlaTargetName, target: SlaTarget) =>
  Math.min(
    target.clock === 'calendar' ? target.afterMs : Infinity,
    capMs(name, target) ?? Infinity,
  );

/**
 * Why a policy may let the resolution fall due before the first response, on some calendar and
 * receipt time; undefined when it never can. It never can when the resolution's earliest moment
 * is not before the first response's latest, or when both count on the same clock and the
 * resolution's target and cap are each at least the first response's.
 */
export const policyIncoherence = (policy: SlaPolicy): string | undefined => {
  const first = policy.firstResponse;
  const resolution = policy.resolution;
  if (earliestMs('resolution', resolution) >= latestMs('firstResponse', first)) return undefined;
  const firstCap = capMs('firstResponse', first) ?? Infinity;
  const resolutionCap = capMs('resolution', resolution) ?? Infinity;
  if (
    first.clock === resolution.clock &&
    resolution.afterMs >= first.afterMs &&
    resolutionCap >= firstCap
  ) {
    return undefined;
  }
  const shown = (name: SlaTargetName, target: SlaTarget) => {
    const cap = capMs(name, target);
    return `${target.afterMs / 3_600_000} ${target.clock} hours${cap === undefined ? '' : `, at most ${cap / 3_600_000} clock hours`}`;
  };
  return `policy ${policy.id}: the resolution (${shown('resolution', resolution)}) can fall due before the first response (${shown('firstResponse', first)}); give the resolution at least the first response's clock hours, or both the same clock with a resolution target and cap no smaller`;
};

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
  /** Copied from the policy; absent on complaints routed before it existed (they do not wait). */
  escalationsWaitForWorkingHours?: boolean | undefined;
}

export interface SlaCheckpoint {
  key: string;
  at: string;
  kind: 'warning' | 'breach' | 'escalation';
  target: SlaTargetName;
  level?: number;
}

type Paused = Pick<ComplaintSla, 'pausedBusinessMs' | 'pausedCalendarMs'>;

/**
 * The moment `share` of a target has passed: on its own clock (paused time added on that clock),
 * or `share` of its cap in clock hours (calendar paused time added), whichever comes first.
 */
const after = (
  calendar: BusinessCalendar,
  start: Date,
  name: SlaTargetName,
  target: SlaTarget,
  share: number,
  sla: Paused,
): { at: Date; warnings: string[] } => {
  const afterMs = Math.round(target.afterMs * share);
  const own =
    target.clock === 'calendar'
      ? { at: new Date(start.getTime() + afterMs + sla.pausedCalendarMs), warnings: [] }
      : (() => {
          const { at, warnings } = calendar.addBusinessTime(start, afterMs + sla.pausedBusinessMs);
          return { at, warnings: warnings.map((warning) => warning.message) };
        })();
  const cap = capMs(name, target);
  if (cap === undefined) return own;
  const capped = new Date(start.getTime() + Math.round(cap * share) + sla.pausedCalendarMs);
  return capped < own.at ? { at: capped, warnings: own.warnings } : own;
};

interface TargetMoments {
  warning: Date;
  breach: Date;
  warnings: string[];
}

type SlaClocks = Pick<
  ComplaintSla,
  'firstResponse' | 'resolution' | 'pausedBusinessMs' | 'pausedCalendarMs'
>;

/** The warning and breach moments of one target, exactly as its policy states them. */
export const targetMoments = (
  calendar: BusinessCalendar,
  sla: SlaClocks,
  name: SlaTargetName,
  receivedAt: string,
): TargetMoments => {
  const start = new Date(receivedAt);
  const warning = after(calendar, start, name, sla[name], WARNING_SHARE, sla);
  const breach = after(calendar, start, name, sla[name], 1, sla);
  return {
    warning: warning.at,
    breach: breach.at,
    warnings: [...new Set([...warning.warnings, ...breach.warnings])],
  };
};

/**
 * The warning and breach moments of both targets: the one computation behind the receipt email,
 * the deadlines shown and the sweep. The resolution never falls due before the first response:
 * `PUT /sla-policies` refuses policies that would allow it, and for a policy stored before that
 * check the resolution is then due with the first response.
 */
export const slaMoments = (
  calendar: BusinessCalendar,
  sla: SlaClocks,
  receivedAt: string,
): Record<SlaTargetName, TargetMoments> => {
  const firstResponse = targetMoments(calendar, sla, 'firstResponse', receivedAt);
  const resolution = targetMoments(calendar, sla, 'resolution', receivedAt);
  return {
    firstResponse,
    resolution:
      resolution.breach < firstResponse.breach
        ? { ...resolution, breach: firstResponse.breach }
        : resolution,
  };
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

/**
 * Every checkpoint of the targets not met yet, raised or not, in time order. Escalation 1 falls at
 * the first breach, escalation 2 `secondEscalationAfterMs` after escalation 1; when the policy
 * says escalations wait for working hours, each one outside them moves to the next working moment.
 */
export const slaCheckpoints = (
  calendar: BusinessCalendar,
  sla: ComplaintSla,
  progress: SlaProgress,
): SlaCheckpoint[] => {
  if (!progress.open) return [];
  const moments = slaMoments(calendar, sla, progress.receivedAt);
  const checkpoints: SlaCheckpoint[] = [];
  const targets: [SlaTargetName, boolean][] = [
    ['firstResponse', progress.firstRespondedAt === undefined],
    ['resolution', progress.resolvedAt === undefined],
  ];
  let firstBreach: { at: Date; target: SlaTargetName } | undefined;
  for (const [name, pending] of targets) {
    if (!pending) continue;
    const { warning, breach } = moments[name];
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
    if (!firstBreach || breach < firstBreach.at) firstBreach = { at: breach, target: name };
  }
  if (firstBreach) {
    const escalateAt = (instant: Date) =>
      sla.escalationsWaitForWorkingHours ? calendar.nextWorkingTime(instant).at : instant;
    const level1 = escalateAt(firstBreach.at);
    const level2 = escalateAt(
      new Date(level1.getTime() + (sla.secondEscalationAfterMs ?? DEFAULT_SECOND_ESCALATION_MS)),
    );
    for (const [level, at] of [
      [1, level1],
      [2, level2],
    ] as const) {
      checkpoints.push({
        key: `escalation:${level}`,
        at: at.toISOString(),
        kind: 'escalation',
        target: firstBreach.target,
        level,
      });
    }
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
  const { firstResponse, resolution } = slaMoments(calendar, sla, progress.receivedAt);
  const pending = sla.pausedAt
    ? []
    : slaCheckpoints(calendar, sla, progress).filter((c) => !sla.raised.includes(c.key));
  const moment = now.toISOString();
  // A checkpoint already past but not raised is still due: the sweep must see it.
  const next = pending[0]?.at;
  return {
    ...sla,
    firstResponseDue: firstResponse.breach.toISOString(),
    resolutionDue: resolution.breach.toISOString(),
    warnings: [...new Set([...sla.warnings, ...firstResponse.warnings, ...resolution.warnings])],
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
      ...(policy.escalationsWaitForWorkingHours ? { escalationsWaitForWorkingHours: true } : {}),
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

/**
 * How much time is left on each target, in business hours, as agents see it. The deadlines are
 * computed afresh from the complaint's targets (the same computation as the sweep's), so a
 * complaint stored before a rule changed shows the deadline it is now held to.
 */
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
  const { firstResponse, resolution } = slaMoments(calendar, sla, progress.receivedAt);
  return {
    firstResponse: view(
      firstResponse.breach.toISOString(),
      progress.firstRespondedAt !== undefined,
    ),
    resolution: view(resolution.breach.toISOString(), progress.resolvedAt !== undefined),
    paused: sla.pausedAt !== undefined,
  };
};
