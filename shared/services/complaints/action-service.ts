import { type ComplaintActor, canSee } from '../../domain/complaints/access';
import type { Complaint, TimelineEntry } from '../../domain/complaints/complaint';
import {
  askForConfirmation,
  type ClosedBy,
  DEFAULT_AUTO_CLOSE_DAYS,
} from '../../domain/complaints/confirmation';
import { type ComplaintAction, isOpen, transition } from '../../domain/complaints/lifecycle';
import { DomainError, invalidReference, notFound } from '../../domain/errors';
import type { DomainEvent } from '../../domain/events';
import { type ComplaintSla, pauseSla, progressOf, resumeSla } from '../../domain/complaints/sla';
import {
  checkTransfer,
  slaCalendarDepartment,
  transferComplaint,
  transferCount,
} from '../../domain/complaints/transfer';
import { applyAction } from '../../domain/complaints/transitions';
import type { DepartmentId } from '../../domain/organization/departments';
import type { ComplaintChange, ComplaintServiceDeps } from './ports';
import { businessCalendar } from './calendar-source';
import { complaintEvent, timelineEntry } from './complaint-events';

/** A complaint the actor may see, or 404 (never 403: ids of other departments stay unknown). */
export const visibleComplaint = async (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  complaintId: string,
): Promise<Complaint> => {
  const complaint = await deps.complaints.get(complaintId);
  if (!complaint || !canSee(actor, complaint)) throw notFound('Complaint', complaintId);
  return complaint;
};

export interface ActionOutcome {
  changes?: Partial<Complaint>;
  note?: string | undefined;
  details?: Record<string, unknown>;
  timelineId?: string;
  events?: (at: string, next: Complaint) => DomainEvent[];
  openWork?: ComplaintChange['openWork'];
  /** Entries written with the action's own, such as the customer's message that ended a wait. */
  extraTimeline?: TimelineEntry[];
}

/** Waiting on the customer stops the SLA clocks; anything else ends a pause and re-plans. */
const nextSla = async (
  deps: ComplaintServiceDeps,
  sla: ComplaintSla,
  changed: Complaint,
  action: ComplaintAction,
  now: Date,
): Promise<ComplaintSla> =>
  action === 'await_customer'
    ? pauseSla(sla, now)
    : resumeSla(
        await businessCalendar(deps.organization, slaCalendarDepartment(changed)),
        sla,
        progressOf(changed),
        now,
      );

/** How often an action is decided again when another writer changed the complaint first. */
export const ACT_ATTEMPTS = 3;

/**
 * Loads, checks access and the lifecycle, applies the action and saves it atomically. Nobody asks
 * for an action on a version (no If-Match): when a background writer (routing, the SLA sweep, a
 * queue consumer) saved the complaint in between, the action is decided again on what is there
 * now — it may then be refused by the lifecycle — instead of answering the caller 412.
 */
export const act = async (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  complaintId: string,
  action: ComplaintAction,
  decide: (complaint: Complaint, now: Date) => ActionOutcome | Promise<ActionOutcome>,
): Promise<Complaint> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await actOnce(deps, actor, complaintId, action, decide);
    } catch (error) {
      const beaten = error instanceof DomainError && error.kind === 'stale-version';
      if (!beaten || attempt >= ACT_ATTEMPTS) throw error;
    }
  }
};

const actOnce = async (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  complaintId: string,
  action: ComplaintAction,
  decide: (complaint: Complaint, now: Date) => ActionOutcome | Promise<ActionOutcome>,
): Promise<Complaint> => {
  const complaint = await visibleComplaint(deps, actor, complaintId);
  const status = transition(complaint.status, action);
  const now = deps.clock.now();
  const at = now.toISOString();
  const outcome = await decide(complaint, now);
  const changed = applyAction(complaint, action, outcome.changes ?? {}, now);
  const next: Complaint = complaint.sla
    ? { ...changed, sla: await nextSla(deps, complaint.sla, changed, action, now) }
    : changed;
  const timeline: TimelineEntry[] = [
    timelineEntry(deps.ids, complaint.id, at, actor.subject, action, {
      from: complaint.status,
      to: status,
      note: outcome.note,
      details: outcome.details,
      id: outcome.timelineId,
    }),
    ...(outcome.extraTimeline ?? []),
  ];
  await deps.complaints.save({
    previous: complaint,
    next,
    timeline,
    events: outcome.events?.(at, next) ?? [],
    ...(outcome.openWork ? { openWork: outcome.openWork } : {}),
  });
  return next;
};

const ownerWork = (complaint: Complaint, delta: number) =>
  complaint.ownerId ? [{ staffId: complaint.ownerId, delta }] : [];

/**
 * Business time from receipt to the first response on the department's calendar, less the time
 * spent waiting on the customer: kept on the complaint, so every report counts the same figure.
 */
const businessTimeWaitedFor = async (
  deps: ComplaintServiceDeps,
  complaint: Complaint,
  now: Date,
): Promise<number> => {
  const calendar = await businessCalendar(deps.organization, slaCalendarDepartment(complaint));
  const { ms } = calendar.businessTimeBetween(new Date(complaint.receivedAt), now);
  return Math.max(0, ms - (complaint.sla?.pausedBusinessMs ?? 0));
};

export const respond = (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  complaintId: string,
  message: string,
): Promise<Complaint> => {
  const responseId = deps.ids.next();
  return act(deps, actor, complaintId, 'respond', async (complaint, now) => {
    const firstResponse = complaint.firstRespondedAt === undefined;
    return {
      changes: firstResponse
        ? {
            firstRespondedAt: now.toISOString(),
            firstResponderId: actor.subject,
            firstResponseBusinessMs: await businessTimeWaitedFor(deps, complaint, now),
          }
        : {},
      note: message,
      timelineId: responseId,
      details: { firstResponse },
      events: (at) => [
        complaintEvent(deps.ids, 'ComplaintResponded', at, {
          complaintId,
          responseId,
          firstResponse,
        }),
      ],
    };
  });
};

export const assignTo = (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  complaintId: string,
  ownerId: string,
  note?: string,
): Promise<Complaint> =>
  act(deps, actor, complaintId, 'assign', async (complaint) => {
    const owner = await deps.organization.getStaffMember(ownerId);
    if (!owner || owner.department !== complaint.department) {
      throw new DomainError(
        'rule-violated',
        `Staff member ${ownerId} is not in the ${complaint.department ?? 'complaint'} department.`,
        { fields: ['ownerId'] },
      );
    }
    if (owner.removedAt !== undefined) {
      throw new DomainError('rule-violated', `Staff member ${ownerId} was removed.`, {
        fields: ['ownerId'],
      });
    }
    if (owner.id === complaint.ownerId) {
      throw new DomainError('rule-violated', `The complaint is already assigned to ${ownerId}.`, {
        fields: ['ownerId'],
      });
    }
    return {
      changes: { ownerId, unassignable: undefined },
      note,
      details: { ownerId, previousOwnerId: complaint.ownerId },
      openWork: [...ownerWork(complaint, -1), { staffId: ownerId, delta: 1 }],
      events: (at) => [
        complaintEvent(deps.ids, 'ComplaintAssigned', at, {
          complaintId,
          department: complaint.department,
          ownerId,
          ...(complaint.ownerId ? { previousOwnerId: complaint.ownerId } : {}),
        }),
      ],
    };
  });

const statusChange =
  (action: 'await_customer' | 'resume') =>
  (deps: ComplaintServiceDeps, actor: ComplaintActor, complaintId: string, note?: string) =>
    act(deps, actor, complaintId, action, (complaint) => ({
      note,
      events: (at, next) => [
        complaintEvent(deps.ids, 'ComplaintStatusChanged', at, {
          complaintId,
          from: complaint.status,
          to: next.status,
        }),
      ],
    }));

export const awaitCustomer = statusChange('await_customer');
export const resume = statusChange('resume');

/** Days of silence after the result before the complaint closes, from its SLA policy. */
const autoCloseDaysOf = async (deps: ComplaintServiceDeps, complaint: Complaint) => {
  const policies = (await deps.organization.getSlaPolicies())?.value ?? [];
  const policy = policies.find((candidate) => candidate.id === complaint.sla?.policyId);
  return policy?.autoCloseAfterDays ?? DEFAULT_AUTO_CLOSE_DAYS;
};

/**
 * Records the resolution; the customer is then emailed the result and asked to confirm it
 * (ComplaintResolved), and silence closes the complaint after the policy's days unless the
 * customer did not agree to the plan.
 */
export const resolve = (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  complaintId: string,
  resolution: { plan: string; customerAgreed: boolean; messageToCustomer?: string | undefined },
): Promise<Complaint> =>
  act(deps, actor, complaintId, 'resolve', async (complaint, now) => ({
    changes: {
      resolution: { ...resolution, resolvedAt: now.toISOString(), resolvedBy: actor.subject },
      confirmation: askForConfirmation(
        now,
        resolution.customerAgreed,
        await autoCloseDaysOf(deps, complaint),
      ),
    },
    note: resolution.plan,
    details: {
      customerAgreed: resolution.customerAgreed,
      ...(resolution.messageToCustomer ? { messageToCustomer: resolution.messageToCustomer } : {}),
    },
    openWork: isOpen(complaint.status) ? ownerWork(complaint, -1) : [],
    events: (at) => [
      complaintEvent(deps.ids, 'ComplaintResolved', at, {
        complaintId,
        department: complaint.department,
        customerAgreed: resolution.customerAgreed,
      }),
    ],
  }));

/** The ComplaintClosed event every way of closing emits: planners follow it exactly once. */
export const closedEvent = (
  deps: ComplaintServiceDeps,
  complaint: Complaint,
  at: string,
  closedBy: ClosedBy,
): DomainEvent =>
  complaintEvent(deps.ids, 'ComplaintClosed', at, {
    complaintId: complaint.id,
    customerId: complaint.customerId,
    department: complaint.department,
    ...(complaint.ownerId ? { ownerId: complaint.ownerId } : {}),
    closedBy,
  });

export const close = (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  complaintId: string,
  note?: string,
): Promise<Complaint> =>
  act(deps, actor, complaintId, 'close', (complaint, now) => ({
    changes: { closedAt: now.toISOString(), closedBy: 'staff' },
    note,
    events: (at) => [closedEvent(deps, complaint, at, 'staff')],
  }));

const DAY_MS = 86_400_000;

/** Whether the complaint ended longer ago than the reopen window. */
export const reopenWindowPassed = (
  deps: ComplaintServiceDeps,
  complaint: Complaint,
  now: Date,
): boolean => {
  const endedAt = complaint.closedAt ?? complaint.resolution?.resolvedAt ?? complaint.updatedAt;
  return now.getTime() - Date.parse(endedAt) > deps.reopenWindowDays * DAY_MS;
};

/** Refuses a reopening once the complaint ended longer ago than the reopen window. */
export const checkReopenWindow = (deps: ComplaintServiceDeps, complaint: Complaint, now: Date) => {
  if (reopenWindowPassed(deps, complaint, now)) {
    throw new DomainError(
      'rule-violated',
      `The complaint ended more than ${deps.reopenWindowDays} days ago and can no longer be reopened; file a new one.`,
      { reopenWindowDays: deps.reopenWindowDays },
    );
  }
};

/** What reopening changes, by staff or by the customer's "not solved". */
export const reopening = (
  deps: ComplaintServiceDeps,
  complaint: Complaint,
  now: Date,
  reason: string,
  reopenedBy: 'staff' | 'customer',
  extra: Pick<ActionOutcome, 'changes' | 'details'> & { events?: DomainEvent[] } = {},
): ActionOutcome => {
  checkReopenWindow(deps, complaint, now);
  return {
    changes: { closedAt: undefined, closedBy: undefined, ...extra.changes },
    note: reason,
    ...(extra.details ? { details: extra.details } : {}),
    openWork: ownerWork(complaint, 1),
    events: (at) => [
      ...(extra.events ?? []),
      complaintEvent(deps.ids, 'ComplaintReopened', at, {
        complaintId: complaint.id,
        department: complaint.department,
        reopenedBy,
      }),
    ],
  };
};

export const reopen = (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  complaintId: string,
  reason: string,
): Promise<Complaint> =>
  act(deps, actor, complaintId, 'reopen', (complaint, now) =>
    reopening(deps, complaint, now, reason, 'staff'),
  );

/**
 * Sends the complaint to another department (a misrouting corrected by hand): routed again there
 * without an owner, so that the department's queue assigns it (ComplaintTransferred); the old
 * owner's open work goes down in the same write. Deadlines keep running on the calendar they were
 * planned on; a pause for the customer ends. The customer is not told.
 */
export const transfer = async (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  complaintId: string,
  department: DepartmentId,
  reason: string,
): Promise<Complaint> => {
  const complaint = await visibleComplaint(deps, actor, complaintId);
  checkTransfer(complaint, department);
  if (!(await deps.organization.getDepartment(department))) {
    throw invalidReference(
      '#/department',
      `department ${department} is not configured (PUT /departments/${department})`,
    );
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const moved = transferComplaint(complaint, department, actor.subject, now);
  const next: Complaint = moved.sla
    ? {
        ...moved,
        sla: resumeSla(
          await businessCalendar(deps.organization, slaCalendarDepartment(moved)),
          moved.sla,
          progressOf(moved),
          now,
        ),
      }
    : moved;
  await deps.complaints.save({
    previous: complaint,
    next,
    timeline: [
      timelineEntry(deps.ids, complaint.id, at, actor.subject, 'transferred', {
        from: complaint.status,
        to: next.status,
        note: reason,
        details: {
          fromDepartment: complaint.department,
          toDepartment: department,
          ...(complaint.ownerId ? { previousOwnerId: complaint.ownerId } : {}),
        },
      }),
    ],
    events: [
      complaintEvent(deps.ids, 'ComplaintTransferred', at, {
        complaintId,
        fromDepartment: complaint.department,
        department,
        transfers: transferCount(next),
        ...(complaint.ownerId ? { previousOwnerId: complaint.ownerId } : {}),
      }),
    ],
    openWork: ownerWork(complaint, -1),
  });
  return next;
};
