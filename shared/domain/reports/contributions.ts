import type { Complaint } from '../complaints/complaint';
import { completedOnTime, type Revisit } from '../revisits/revisit';
import type { ServiceRecord } from '../revisits/service-record';
import type { Survey } from '../surveys/survey';
import { bucketOf } from './sketch';
import { termsOf } from './terms';

/** The breakdowns every figure is also kept by (besides the total). */
export interface Dimensions {
  department?: string | undefined;
  category?: string | undefined;
  channel?: string | undefined;
}

/**
 * What one change of a source record adds to the counters of the periods its instant `at` falls
 * in, for the total and for each of its dimensions. Counters only ever add (negative for an
 * answer that changed or a complaint reopened), so contributions commute and can be replayed
 * idempotently by remembering which changes were applied.
 *
 * A contribution naming an `agent` counts in that staff member's slice (`AGENT#<staff id>`)
 * alone: the total and the other dimensions count the same case through their own contribution.
 */
export interface Contribution {
  at: string;
  dimensions: Dimensions;
  agent?: string;
  add: Record<string, number>;
  /** Hot-topic words (+1 for a text that has them, −1 when a comment changed), kept for the period only. */
  terms?: Record<string, number>;
}

const resolvedState = (complaint: Complaint | undefined) =>
  complaint?.status === 'resolved' || complaint?.status === 'closed' ? 1 : 0;

const raisedOf = (complaint: Complaint | undefined, suffix: string) =>
  (complaint?.sla?.raised ?? []).filter((key) => key.endsWith(suffix)).length;

const withoutZeros = (add: Record<string, number>) =>
  Object.fromEntries(Object.entries(add).filter(([, value]) => value !== 0));

const contribution = (
  at: string,
  dimensions: Dimensions,
  add: Record<string, number>,
  terms: Record<string, number> = {},
): Contribution[] => {
  const nonZero = withoutZeros(add);
  const words = withoutZeros(terms);
  return Object.keys(nonZero).length + Object.keys(words).length > 0
    ? [{ at, dimensions, add: nonZero, ...(Object.keys(words).length ? { terms: words } : {}) }]
    : [];
};

/** The same counters credited to one staff member (nothing when nobody is named). */
const credited = (agent: string | undefined, at: string, add: Record<string, number>) =>
  agent ? contribution(at, {}, add).map((each) => ({ ...each, agent })) : [];

const termDelta = (before: string | undefined, after: string | undefined) => {
  const delta: Record<string, number> = {};
  for (const term of termsOf(before ?? '')) delta[term] = (delta[term] ?? 0) - 1;
  for (const term of termsOf(after ?? '')) delta[term] = (delta[term] ?? 0) + 1;
  return delta;
};

/** What a complaint's change adds to the case counters of its department (words aside). */
const caseCounters = (
  previous: Complaint | undefined,
  next: Complaint,
  firstResponseBusinessMs: number | undefined,
): Record<string, number> => {
  const routedNow = !previous?.department;
  const add: Record<string, number> = {
    complaints: routedNow ? 1 : 0,
    resolved: resolvedState(next) - (routedNow ? 0 : resolvedState(previous)),
    slaWarnings: raisedOf(next, ':warning') - raisedOf(previous, ':warning'),
    slaBreaches: raisedOf(next, ':breach') - raisedOf(previous, ':breach'),
  };
  if (next.firstRespondedAt && !previous?.firstRespondedAt) {
    const clockMs = Date.parse(next.firstRespondedAt) - Date.parse(next.receivedAt);
    const businessMs = firstResponseBusinessMs ?? clockMs;
    add.frCount = 1;
    add.frClockMsSum = clockMs;
    add.frBusinessMsSum = businessMs;
    add[`frClockB${bucketOf(clockMs)}`] = 1;
    add[`frBusinessB${bucketOf(businessMs)}`] = 1;
    if (next.sla) add.frWithin = next.firstRespondedAt <= next.sla.firstResponseDue ? 1 : 0;
    if (next.sla) add.frTargets = 1;
  }
  // A complaint resolved again after reopening is judged by its latest resolution.
  const within = (complaint: Complaint | undefined) =>
    complaint?.resolution && complaint.sla
      ? complaint.resolution.resolvedAt <= complaint.sla.resolutionDue
        ? 1
        : 0
      : 0;
  if (next.resolution && next.sla) {
    add.resTargets = previous?.resolution && !routedNow ? 0 : 1;
    add.resWithin = within(next) - (routedNow ? 0 : within(previous));
  }
  return add;
};

const dimensionsOf = (complaint: Complaint, department: string | undefined): Dimensions => ({
  department,
  category: complaint.category,
  channel: complaint.channel,
});

const negated = (add: Record<string, number>) =>
  Object.fromEntries(Object.entries(add).map(([name, value]) => [name, -value]));

/**
 * Routing, counted where the router sent the complaint first: `routings` once routed,
 * `misroutings` once it was first transferred; and each transfer (`transfers`) under the
 * department it left.
 */
const routingContribution = (previous: Complaint | undefined, next: Complaint): Contribution[] => {
  const routedNow = !previous?.department;
  const before = routedNow ? 0 : (previous.transfers?.length ?? 0);
  const moves = (next.transfers ?? []).slice(before);
  const first = next.transfers?.[0]?.from ?? next.department;
  return [
    ...contribution(next.receivedAt, dimensionsOf(next, first), {
      routings: routedNow ? 1 : 0,
      misroutings: before === 0 && moves.length > 0 ? 1 : 0,
    }),
    ...moves.flatMap((move) =>
      contribution(next.receivedAt, dimensionsOf(next, move.from), { transfers: 1 }),
    ),
  ];
};

const FIRST_RESPONSE = /^fr[A-Z]/;

/** Counters split in two: the first response's (`fr…`) and the rest of the case's. */
const splitFirstResponse = (add: Record<string, number>) => {
  const firstResponse: Record<string, number> = {};
  const rest: Record<string, number> = {};
  for (const [name, value] of Object.entries(add))
    (FIRST_RESPONSE.test(name) ? firstResponse : rest)[name] = value;
  return { firstResponse, rest };
};

/**
 * What a complaint credits to staff members: its case (handled, resolved, deadlines, warnings,
 * breaches) to its owner now — for a resolved complaint the owner who resolved it; a
 * reassignment or transfer moves the case to the new owner (to nobody while a transferred
 * complaint waits in its new queue) —; the first response (time, on time) to whoever gave it;
 * each transfer (`transfers`) to the owner it was taken from.
 */
const agentContributions = (
  previous: Complaint | undefined,
  next: Complaint,
  firstResponseBusinessMs: number | undefined,
): Contribution[] => {
  const at = next.receivedAt;
  const routedNow = !previous?.department;
  const ownerChanged = !routedNow && previous.ownerId !== next.ownerId;
  const cases = ownerChanged
    ? [
        ...credited(
          previous.ownerId,
          at,
          negated(splitFirstResponse(caseCounters(undefined, previous, undefined)).rest),
        ),
        ...credited(
          next.ownerId,
          at,
          splitFirstResponse(caseCounters(undefined, next, undefined)).rest,
        ),
      ]
    : credited(
        next.ownerId,
        at,
        splitFirstResponse(caseCounters(routedNow ? undefined : previous, next, undefined)).rest,
      );
  const firstResponse = splitFirstResponse(
    caseCounters(routedNow ? undefined : previous, next, firstResponseBusinessMs),
  ).firstResponse;
  const before = routedNow ? 0 : (previous.transfers?.length ?? 0);
  return [
    ...cases,
    ...credited(next.firstResponderId, at, firstResponse),
    ...(next.transfers ?? [])
      .slice(before)
      .flatMap((move) => credited(move.fromOwnerId, at, { transfers: 1 })),
  ];
};

/**
 * A complaint counts once routed (when its department is known), in the period it was received:
 * resolution state (reopening takes it back), first response time in clock and business hours
 * (sums and sketch buckets), targets met, warnings and breaches raised — under the department
 * that has it now: a transfer moves what it counted from the old department to the new one.
 * Routing accuracy and transfers are counted where the complaint was routed and left.
 */
export const complaintContribution = (
  previous: Complaint | undefined,
  next: Complaint,
  firstResponseBusinessMs: number | undefined,
): Contribution[] => {
  if (!next.department) return [];
  const routedNow = !previous?.department;
  const moved = previous?.department !== undefined && previous.department !== next.department;
  const cases = moved
    ? [
        ...contribution(
          next.receivedAt,
          dimensionsOf(previous, previous.department),
          negated(caseCounters(undefined, previous, firstResponseBusinessMs)),
        ),
        ...contribution(
          next.receivedAt,
          dimensionsOf(next, next.department),
          caseCounters(undefined, next, firstResponseBusinessMs),
        ),
      ]
    : contribution(
        next.receivedAt,
        dimensionsOf(next, next.department),
        caseCounters(previous, next, firstResponseBusinessMs),
        routedNow ? termDelta(undefined, `${next.subject}\n${next.description}`) : {},
      );
  return [
    ...cases,
    ...routingContribution(previous, next),
    ...agentContributions(previous, next, firstResponseBusinessMs),
  ];
};

/**
 * A survey counts in the period it was sent: surveyed once sent; its answer by score (a changed
 * answer moves from the old score to the new one, still one respondent).
 */
export const surveyContribution = (previous: Survey | undefined, next: Survey): Contribution[] => {
  if (!next.sentAt) return [];
  const add: Record<string, number> = { surveyed: previous?.sentAt ? 0 : 1 };
  const before = previous?.answer?.score;
  const after = next.answer?.score;
  if (before !== after) {
    if (before) {
      add[`score${before}`] = -1;
      add.scoreSum = -before;
    }
    if (after) {
      add[`score${after}`] = (add[`score${after}`] ?? 0) + 1;
      add.scoreSum = (add.scoreSum ?? 0) + after;
    }
    add.answered = (after ? 1 : 0) - (before ? 1 : 0);
  }
  return [
    ...contribution(
      next.sentAt,
      { department: next.about?.department },
      add,
      termDelta(previous?.answer?.comment, next.answer?.comment),
    ),
    // An after-case survey also counts for the staff member credited with the case.
    ...credited(next.about?.agentId, next.sentAt, add),
  ];
};

/**
 * What an erasure takes back: the words of the customer's complaint or survey comment, from the
 * period and slices they were counted in. Counts of cases and scores stay; words are theirs.
 */
export const erasedWordsContribution = (
  record: { kind: 'complaint'; complaint: Complaint } | { kind: 'survey'; survey: Survey },
): Contribution[] => {
  if (record.kind === 'complaint') {
    const { complaint } = record;
    if (!complaint.department) return [];
    return contribution(
      complaint.receivedAt,
      {
        department: complaint.department,
        category: complaint.category,
        channel: complaint.channel,
      },
      {},
      termDelta(`${complaint.subject}\n${complaint.description}`, undefined),
    );
  }
  const { survey } = record;
  if (!survey.sentAt || !survey.answer?.comment) return [];
  return contribution(
    survey.sentAt,
    { department: survey.about?.department },
    {},
    termDelta(survey.answer.comment, undefined),
  );
};

/** A service counts once, in the period it was completed: services, and those with an error. */
export const serviceContribution = (service: ServiceRecord): Contribution[] =>
  contribution(
    service.completedAt,
    { department: service.department },
    { services: 1, serviceErrors: service.errorOccurred ? 1 : 0 },
  );

const END_STATES = {
  unreachable: 'revisitsUnreachable',
  cancelled: 'revisitsCancelled',
} as const;

/**
 * A revisit counts in the period it was planned: planned, then completed on time (by its
 * deadline, `dueAt`: within the window, e.g. within 72 h of handover) or late, unreachable or
 * cancelled.
 */
export const revisitContribution = (
  previous: Revisit | undefined,
  next: Revisit,
): Contribution[] => [
  ...contribution(next.createdAt, { department: next.department }, revisitCounters(previous, next)),
  ...(previous && previous.assigneeId !== next.assigneeId
    ? [
        ...credited(
          previous.assigneeId,
          next.createdAt,
          negated(revisitCounters(undefined, previous)),
        ),
        ...credited(next.assigneeId, next.createdAt, revisitCounters(undefined, next)),
      ]
    : credited(next.assigneeId, next.createdAt, revisitCounters(previous, next))),
];

/**
 * A revisit's counters: planned, then completed on time or late, unreachable or cancelled —
 * credited to its department and to its assignee (a new assignee takes them over).
 */
const revisitCounters = (previous: Revisit | undefined, next: Revisit): Record<string, number> => {
  const add: Record<string, number> = { revisitsPlanned: previous ? 0 : 1 };
  if (next.status !== previous?.status) {
    if (next.status === 'completed') {
      const onTime = completedOnTime(next, next.outcome?.completedAt ?? next.updatedAt);
      add[onTime ? 'revisitsOnTime' : 'revisitsLate'] = 1;
    } else if (next.status === 'unreachable' || next.status === 'cancelled') {
      add[END_STATES[next.status]] = 1;
    }
  }
  return add;
};
