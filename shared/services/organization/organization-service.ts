import type { RoutingRule } from '../../domain/complaints/routing';
import { DEFAULT_ROUTING_RULES } from '../../domain/complaints/routing';
import { DEFAULT_SLA_POLICIES, type SlaPolicy } from '../../domain/complaints/sla';
import { DEFAULT_REVISIT_POLICIES, type RevisitPolicy } from '../../domain/revisits/policy';
import {
  type CalendarSettings,
  DEFAULT_CALENDAR,
  validateCalendarSettings,
} from '../../domain/calendar/business-calendar';
import { publicHolidayYears } from '../../domain/calendar/public-holidays';
import { DomainError, invalidReference } from '../../domain/errors';
import { forgetCalendars } from '../complaints/calendar-source';
import {
  configureDepartment,
  type Department,
  type DepartmentSettings,
} from '../../domain/organization/department';
import type { DepartmentId } from '../../domain/organization/departments';
import {
  configureStaffMember,
  type StaffMember,
  type StaffSettings,
} from '../../domain/organization/staff';
import type { Clock, OrganizationRepository } from '../ports';

export interface OrganizationDeps {
  organization: OrganizationRepository;
  clock: Clock;
}

const requireStaffIn = async (
  deps: OrganizationDeps,
  staffId: string | undefined,
  department: DepartmentId,
  pointer: string,
) => {
  if (staffId === undefined) return;
  const member = await deps.organization.getStaffMember(staffId);
  if (!member || member.department !== department) {
    throw invalidReference(pointer, `staff member ${staffId} is not in department ${department}`);
  }
};

export const putDepartment = async (
  deps: OrganizationDeps,
  id: DepartmentId,
  settings: DepartmentSettings,
): Promise<{ department: Department; created: boolean }> => {
  await requireStaffIn(deps, settings.supervisorId, id, '#/supervisorId');
  await requireStaffIn(deps, settings.headId, id, '#/headId');
  const previous = await deps.organization.getDepartment(id);
  const department = configureDepartment(id, settings, previous, deps.clock.now());
  await deps.organization.putDepartment(department);
  return { department, created: previous === undefined };
};

export const putStaffMember = async (
  deps: OrganizationDeps,
  id: string,
  settings: StaffSettings,
): Promise<{ member: StaffMember; created: boolean }> => {
  if (!(await deps.organization.getDepartment(settings.department))) {
    throw invalidReference('#/department', `department ${settings.department} is not configured`);
  }
  const previous = await deps.organization.getStaffMember(id);
  const member = configureStaffMember(id, settings, previous, deps.clock.now());
  await deps.organization.putStaffMember(member);
  return { member, created: previous === undefined };
};

export const currentRoutingRules = async (
  deps: OrganizationDeps,
): Promise<{ rules: RoutingRule[]; version: number; defaults: boolean }> => {
  const stored = await deps.organization.getRoutingRules();
  return stored
    ? { rules: stored.value, version: stored.version, defaults: false }
    : { rules: DEFAULT_ROUTING_RULES, version: 0, defaults: true };
};

/** Replaces the rule set; every department a rule names must be configured. */
export const replaceRoutingRules = async (
  deps: OrganizationDeps,
  rules: RoutingRule[],
): Promise<{ rules: RoutingRule[]; version: number }> => {
  const configured = new Set((await deps.organization.listDepartments()).map((d) => d.id));
  const seen = new Set<string>();
  for (const [index, rule] of rules.entries()) {
    if (!configured.has(rule.then.department)) {
      throw invalidReference(
        `#/rules/${index}/then/department`,
        `rule ${rule.id} names department ${rule.then.department}, which is not configured`,
      );
    }
    if (seen.has(rule.id)) {
      throw invalidReference(`#/rules/${index}/id`, `rule id ${rule.id} is used twice`);
    }
    seen.add(rule.id);
  }
  const current = await deps.organization.getRoutingRules();
  const version = (current?.version ?? 0) + 1;
  await deps.organization.putRoutingRules(rules, version, deps.clock.now().toISOString());
  return { rules, version };
};

export interface CalendarView {
  id: string;
  settings: CalendarSettings;
  version: number;
  /** True while nothing was stored and the built-in calendar applies. */
  defaults: boolean;
  /** Years for which Chinese public-holiday data is built in; others need overrides. */
  publicHolidayYears: readonly number[];
}

export const currentCalendar = async (
  deps: OrganizationDeps,
  id: string,
): Promise<CalendarView> => {
  const stored = await deps.organization.getCalendar(id);
  return {
    id,
    settings: stored?.value ?? DEFAULT_CALENDAR,
    version: stored?.version ?? 0,
    defaults: stored === undefined,
    publicHolidayYears,
  };
};

/** Replaces a calendar (working hours, time zone, holiday overrides) after validating it. */
export const replaceCalendar = async (
  deps: OrganizationDeps,
  id: string,
  settings: CalendarSettings,
): Promise<CalendarView> => {
  const problems = validateCalendarSettings(settings);
  if (problems.length > 0) {
    throw new DomainError('invalid-reference', problems.join('; '), {
      errors: problems.map((problem) => ({ pointer: '#', detail: problem })),
    });
  }
  const current = await deps.organization.getCalendar(id);
  const version = (current?.version ?? 0) + 1;
  await deps.organization.putCalendar(id, settings, version, deps.clock.now().toISOString());
  forgetCalendars();
  return { id, settings, version, defaults: false, publicHolidayYears };
};

export const currentSlaPolicies = async (
  deps: OrganizationDeps,
): Promise<{ policies: SlaPolicy[]; version: number; defaults: boolean }> => {
  const stored = await deps.organization.getSlaPolicies();
  return stored
    ? { policies: stored.value, version: stored.version, defaults: false }
    : { policies: DEFAULT_SLA_POLICIES, version: 0, defaults: true };
};

/** Replaces the SLA policies; they apply to complaints routed from now on. */
export const replaceSlaPolicies = async (
  deps: OrganizationDeps,
  policies: SlaPolicy[],
): Promise<{ policies: SlaPolicy[]; version: number }> => {
  const seen = new Set<string>();
  for (const [index, policy] of policies.entries()) {
    if (seen.has(policy.id)) {
      throw invalidReference(`#/policies/${index}/id`, `policy id ${policy.id} is used twice`);
    }
    seen.add(policy.id);
  }
  const current = await deps.organization.getSlaPolicies();
  const version = (current?.version ?? 0) + 1;
  await deps.organization.putSlaPolicies(policies, version, deps.clock.now().toISOString());
  return { policies, version };
};

export const currentRevisitPolicies = async (
  deps: OrganizationDeps,
): Promise<{ policies: RevisitPolicy[]; version: number; defaults: boolean }> => {
  const stored = await deps.organization.getRevisitPolicies();
  return stored
    ? { policies: stored.value, version: stored.version, defaults: false }
    : { policies: DEFAULT_REVISIT_POLICIES, version: 0, defaults: true };
};

/** Replaces the revisit policies; they plan revisits for events from now on. */
export const replaceRevisitPolicies = async (
  deps: OrganizationDeps,
  policies: RevisitPolicy[],
): Promise<{ policies: RevisitPolicy[]; version: number }> => {
  const seen = new Set<string>();
  for (const [index, policy] of policies.entries()) {
    if (seen.has(policy.id) || policy.id === 'manual') {
      throw invalidReference(
        `#/policies/${index}/id`,
        `policy id ${policy.id} is used twice or reserved`,
      );
    }
    seen.add(policy.id);
    if (policy.trigger.type === 'service' && policy.trigger.kinds.length === 0) {
      throw invalidReference(
        `#/policies/${index}/trigger/kinds`,
        'a service trigger needs at least one kind',
      );
    }
  }
  const current = await deps.organization.getRevisitPolicies();
  const version = (current?.version ?? 0) + 1;
  await deps.organization.putRevisitPolicies(policies, version, deps.clock.now().toISOString());
  return { policies, version };
};
