import type { Complaint, TimelineEntry } from '../../domain/complaints/complaint';
import {
  dueCheckpoints,
  progressOf,
  refreshSla,
  type SlaCheckpoint,
} from '../../domain/complaints/sla';
import { slaCalendarDepartment } from '../../domain/complaints/transfer';
import { raiseSlaCheckpoints } from '../../domain/complaints/transitions';
import { DomainError } from '../../domain/errors';
import { drainDue } from '../due-work';
import type { DomainEvent } from '../../domain/events';
import { businessCalendar } from './calendar-source';
import { complaintEvent, timelineEntry } from './complaint-events';
import type { ComplaintServiceDeps } from './ports';

/** A sweep drains up to 20 rounds of 500 complaints; the next sweep takes any rest. */
const SWEEP_LIMITS = { batch: 500, maxRounds: 20, concurrency: 8 };
const MAX_ATTEMPTS = 3;

export interface SweepResult {
  checked: number;
  raised: number;
}

const eventFor = (
  deps: ComplaintServiceDeps,
  complaint: Complaint,
  checkpoint: SlaCheckpoint,
  at: string,
  notifyStaffId: string | undefined,
): DomainEvent => {
  const department = complaint.department ?? 'unrouted';
  if (checkpoint.kind === 'escalation') {
    return complaintEvent(deps.ids, 'ComplaintEscalated', at, {
      complaintId: complaint.id,
      department,
      level: checkpoint.level ?? 1,
      ...(notifyStaffId ? { notifyStaffId } : {}),
    });
  }
  return complaintEvent(
    deps.ids,
    checkpoint.kind === 'warning' ? 'SlaWarning' : 'SlaBreached',
    at,
    {
      complaintId: complaint.id,
      department,
      target: checkpoint.target,
      dueAt: checkpoint.at,
    },
  );
};

/**
 * A department may name a supervisor or head before they are added as staff: the name counts
 * once a staff member of that id works in the department.
 */
const staffOf = async (
  deps: ComplaintServiceDeps,
  staffId: string | undefined,
  department: string | undefined,
): Promise<string | undefined> => {
  if (!staffId) return undefined;
  const member = await deps.organization.getStaffMember(staffId);
  return member && member.department === department ? member.id : undefined;
};

/**
 * Raises the warnings, breaches and escalations of one complaint that are due now. Each
 * checkpoint is recorded as raised in the same write as its event, under the complaint's version,
 * so concurrent or repeated sweeps can never raise one twice.
 */
export const raiseDueCheckpoints = async (
  deps: ComplaintServiceDeps,
  complaintId: string,
  attempt = 1,
): Promise<number> => {
  const complaint = await deps.complaints.get(complaintId);
  if (!complaint?.sla) return 0;
  const now = deps.clock.now();
  const at = now.toISOString();
  const calendar = await businessCalendar(deps.organization, slaCalendarDepartment(complaint));
  const progress = progressOf(complaint);
  const { due, nextCheckAt } = dueCheckpoints(calendar, complaint.sla, progress, now);
  // The stored deadlines follow the current rules (a complaint routed before the clock-hour cap
  // existed is held to it from its next check on).
  const { firstResponseDue, resolutionDue, warnings } = refreshSla(
    calendar,
    complaint.sla,
    progress,
    now,
  );
  const unchanged =
    nextCheckAt === complaint.sla.nextCheckAt &&
    firstResponseDue === complaint.sla.firstResponseDue &&
    resolutionDue === complaint.sla.resolutionDue;
  if (due.length === 0 && unchanged) return 0;
  const department = complaint.department
    ? await deps.organization.getDepartment(complaint.department)
    : undefined;
  const recipients: Record<number, string | undefined> = due.some((c) => c.level)
    ? {
        1: await staffOf(deps, department?.supervisorId, complaint.department),
        2: await staffOf(deps, department?.headId, complaint.department),
      }
    : {};
  const events: DomainEvent[] = [];
  const timeline: TimelineEntry[] = [];
  for (const checkpoint of due) {
    const notify = checkpoint.level ? recipients[checkpoint.level] : undefined;
    events.push(eventFor(deps, complaint, checkpoint, at, notify));
    timeline.push(
      timelineEntry(
        deps.ids,
        complaint.id,
        at,
        'sla-sweep',
        checkpoint.kind === 'escalation' ? 'escalated' : `sla_${checkpoint.kind}`,
        {
          details: {
            checkpoint: checkpoint.key,
            dueAt: checkpoint.at,
            ...(checkpoint.level ? { level: checkpoint.level } : {}),
            ...(notify ? { notified: notify } : {}),
          },
        },
      ),
    );
  }
  try {
    await deps.complaints.save({
      previous: complaint,
      next: raiseSlaCheckpoints(
        complaint,
        { refreshed: { firstResponseDue, resolutionDue, warnings }, due, nextCheckAt },
        now,
      ),
      timeline,
      events,
    });
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'stale-version' && attempt < MAX_ATTEMPTS) {
      return raiseDueCheckpoints(deps, complaintId, attempt + 1);
    }
    throw error;
  }
  return due.length;
};

/** The SLA sweep: reads the due-time index (never the whole table) and raises what is due. */
export const sweepSla = async (deps: ComplaintServiceDeps): Promise<SweepResult> => {
  const now = deps.clock.now().toISOString();
  let raised = 0;
  const checked = await drainDue(
    (limit) => deps.complaints.dueForSlaCheck(now, limit),
    async (id) => {
      raised += await raiseDueCheckpoints(deps, id);
    },
    SWEEP_LIMITS,
  );
  return { checked, raised };
};
