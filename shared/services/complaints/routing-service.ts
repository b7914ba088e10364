import type { DepartmentId } from '../../domain/organization/departments';
import { DEFAULT_ROUTING_RULES, routeComplaint } from '../../domain/complaints/routing';
import { DomainError } from '../../domain/errors';
import { DEFAULT_SLA_POLICIES, matchSlaPolicy, planSla } from '../../domain/complaints/sla';
import { markRouted } from '../../domain/complaints/transitions';
import { businessCalendar } from './calendar-source';
import { complaintEvent, timelineEntry } from './complaint-events';
import type { ComplaintServiceDeps } from './ports';

export type RoutingOutcome = 'routed' | 'already-routed' | 'complaint-missing';

const FALLBACK_DEPARTMENT = 'customer-service';

/**
 * Classifies a received complaint and gives it a department and priority. Idempotent: a complaint
 * that is no longer `received` is left alone, so a redelivered or late message changes nothing.
 */
export const routeReceivedComplaint = async (
  deps: ComplaintServiceDeps,
  complaintId: string,
): Promise<RoutingOutcome> => {
  const complaint = await deps.complaints.get(complaintId);
  if (!complaint) return 'complaint-missing';
  if (complaint.status !== 'received') return 'already-routed';
  const [customer, stored, slaPolicies] = await Promise.all([
    deps.customers.get(complaint.customerId),
    deps.organization.getRoutingRules(),
    deps.organization.getSlaPolicies(),
  ]);
  const decision = routeComplaint(stored?.value ?? DEFAULT_ROUTING_RULES, {
    subject: complaint.subject,
    description: complaint.description,
    category: complaint.category,
    channel: complaint.channel,
    severity: complaint.severity,
    tier: customer?.tier ?? 'standard',
  });
  // A follow-up names the department concerned. A rule may name a department nobody has
  // configured yet: customer service triages instead.
  const wanted = complaint.origin?.department ?? decision.department;
  const configured = await deps.organization.getDepartment(wanted);
  const department = (configured ? wanted : FALLBACK_DEPARTMENT) as DepartmentId;
  const now = deps.clock.now();
  const at = now.toISOString();
  const policy = matchSlaPolicy(slaPolicies?.value ?? DEFAULT_SLA_POLICIES, {
    priority: decision.priority,
    category: decision.category,
    channel: complaint.channel,
    tier: customer?.tier ?? 'standard',
  });
  const sla = planSla(
    await businessCalendar(deps.organization, department),
    policy,
    new Date(complaint.receivedAt),
    now,
  );
  const next = markRouted(
    complaint,
    { department, category: decision.category, priority: decision.priority, sla },
    now,
  );
  try {
    await deps.complaints.save({
      previous: complaint,
      next,
      timeline: [
        timelineEntry(deps.ids, complaint.id, at, 'router', 'routed', {
          from: complaint.status,
          to: next.status,
          details: {
            ruleId: decision.ruleId,
            department,
            priority: decision.priority,
            slaPolicy: policy.id,
            ...(sla.warnings.length > 0 ? { warnings: sla.warnings } : {}),
          },
        }),
      ],
      events: [
        complaintEvent(deps.ids, 'ComplaintRouted', at, {
          complaintId: complaint.id,
          customerId: complaint.customerId,
          department,
          category: decision.category,
          priority: decision.priority,
          ruleId: decision.ruleId,
        }),
      ],
    });
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'stale-version') return 'already-routed';
    throw error;
  }
  return 'routed';
};
