import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../../domain/reports/settings';
import {
  DEFAULT_SURVEY_SETTINGS,
  type SurveySettings,
  validateSurveySettings,
} from '../../domain/surveys/settings';
import type { RoutingRule } from '../../domain/complaints/routing';
import { DEFAULT_ROUTING_RULES } from '../../domain/complaints/routing';
import {
  DEFAULT_SLA_POLICIES,
  policyIncoherence,
  type SlaPolicy,
} from '../../domain/complaints/sla';
import { DEFAULT_REVISIT_POLICIES, type RevisitPolicy } from '../../domain/revisits/policy';
import {
  BusinessCalendar,
  type CalendarSettings,
  type CalendarWarning,
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
import type { Clock } from '../../domain/clock';
import type { OrganizationRepository, Versioned } from './ports';

export interface OrganizationDeps {
  organization: OrganizationRepository;
  clock: Clock;
}

/**
 * A supervisor or head may be named before they are added as staff (setup in any order): the
 * name counts once a staff member of that id works in the department (escalations look it up
 * when they are sent). Naming someone who works in another department is refused.
 */
const refuseStaffOfOtherDepartment = async (
  deps: OrganizationDeps,
  staffId: string | undefined,
  department: DepartmentId,
  pointer: string,
) => {
  if (staffId === undefined) return;
  const member = await deps.organization.getStaffMember(staffId);
  if (member && member.department !== department) {
    throw invalidReference(
      pointer,
      `staff member ${staffId} works in department ${member.department}, not ${department}`,
    );
  }
};

/** A department as shown: with the escalation names that are no staff member of it (yet). */
export type DepartmentView = Department & { awaitingStaff?: ('supervisorId' | 'headId')[] };

const viewOf = async (deps: OrganizationDeps, department: Department): Promise<DepartmentView> => {
  const awaiting: ('supervisorId' | 'headId')[] = [];
  for (const field of ['supervisorId', 'headId'] as const) {
    const staffId = department[field];
    if (staffId === undefined) continue;
    const member = await deps.organization.getStaffMember(staffId);
    if (member?.department !== department.id) awaiting.push(field);
  }
  return awaiting.length > 0 ? { ...department, awaitingStaff: awaiting } : department;
};

/** The configured departments, each with the escalation names still waiting for their staff. */
export const listDepartments = async (deps: OrganizationDeps): Promise<DepartmentView[]> =>
  Promise.all(
    (await deps.organization.listDepartments()).map((department) => viewOf(deps, department)),
  );

export const putDepartment = async (
  deps: OrganizationDeps,
  id: DepartmentId,
  settings: DepartmentSettings,
): Promise<{ department: DepartmentView; created: boolean }> => {
  await refuseStaffOfOtherDepartment(deps, settings.supervisorId, id, '#/supervisorId');
  await refuseStaffOfOtherDepartment(deps, settings.headId, id, '#/headId');
  const previous = await deps.organization.getDepartment(id);
  const department = configureDepartment(id, settings, previous, deps.clock.now());
  await deps.organization.putDepartment(department);
  return { department: await viewOf(deps, department), created: previous === undefined };
};

/**
 * Adds or changes a staff member. The department need not be configured yet (the set of
 * departments is fixed; configuring one names it and its escalation chain), so staff and
 * departments can be set up in either order.
 */
export const putStaffMember = async (
  deps: OrganizationDeps,
  id: string,
  settings: StaffSettings,
): Promise<{ member: StaffMember; created: boolean }> => {
  const previous = await deps.organization.getStaffMember(id);
  const member = configureStaffMember(id, settings, previous, deps.clock.now());
  await deps.organization.putStaffMember(member);
  return { member, created: previous === undefined };
};

/** Ids must differ (and avoid reserved ones); the first offender is named with its pointer. */
const requireUniqueIds = (items: { id: string }[], collection: string, reserved: string[] = []) => {
  const seen = new Set<string>(reserved);
  for (const [index, item] of items.entries()) {
    if (seen.has(item.id)) {
      throw invalidReference(
        `#/${collection}/${index}/id`,
        `id ${item.id} is used twice${reserved.includes(item.id) ? ' (reserved)' : ''}`,
      );
    }
    seen.add(item.id);
  }
};

/** Stores a settings document as the next version after the one stored now. */
const storeNextVersion = async <T>(
  deps: OrganizationDeps,
  read: () => Promise<Versioned<T> | undefined>,
  write: (value: T, version: number, updatedAt: string) => Promise<void>,
  value: T,
): Promise<number> => {
  const version = ((await read())?.version ?? 0) + 1;
  await write(value, version, deps.clock.now().toISOString());
  return version;
};

/** A stored settings document, or the built-in defaults (version 0) while none was stored. */
const orDefaults = <T>(stored: Versioned<T> | undefined, defaults: T) =>
  stored
    ? { value: stored.value, version: stored.version, defaults: false }
    : { value: defaults, version: 0, defaults: true };

export const currentRoutingRules = async (
  deps: OrganizationDeps,
): Promise<{ rules: RoutingRule[]; version: number; defaults: boolean }> => {
  const { value, ...meta } = orDefaults(
    await deps.organization.getRoutingRules(),
    DEFAULT_ROUTING_RULES,
  );
  return { rules: value, ...meta };
};

/** Replaces the rule set; every department a rule names must be configured. */
export const replaceRoutingRules = async (
  deps: OrganizationDeps,
  rules: RoutingRule[],
): Promise<{ rules: RoutingRule[]; version: number }> => {
  const configured = new Set((await deps.organization.listDepartments()).map((d) => d.id));
  for (const [index, rule] of rules.entries()) {
    if (!configured.has(rule.then.department)) {
      throw invalidReference(
        `#/rules/${index}/then/department`,
        `rule ${rule.id} names department ${rule.then.department}, which is not configured`,
      );
    }
  }
  requireUniqueIds(rules, 'rules');
  const { organization } = deps;
  const version = await storeNextVersion(
    deps,
    () => organization.getRoutingRules(),
    (value, next, at) => organization.putRoutingRules(value, next, at),
    rules,
  );
  return { rules, version };
};

export interface CalendarView {
  id: string;
  settings: CalendarSettings;
  version: number;
  /** True while nothing was stored and the built-in calendar applies. */
  defaults: boolean;
  /**
   * Years for which the published Chinese holiday schedule is built in; other years count their
   * statutory holidays computed by rule and no make-up working days until overrides are entered.
   */
  publicHolidayYears: readonly number[];
  /** For admins: this year's or (from 1 November) next year's schedule is missing. */
  warnings: CalendarWarning[];
}

const calendarViewOf = (
  deps: OrganizationDeps,
  id: string,
  settings: CalendarSettings,
  version: number,
  defaults: boolean,
): CalendarView => ({
  id,
  settings,
  version,
  defaults,
  publicHolidayYears,
  warnings: new BusinessCalendar(settings).holidayScheduleWarnings(deps.clock.now()),
});

export const currentCalendar = async (
  deps: OrganizationDeps,
  id: string,
): Promise<CalendarView> => {
  const stored = await deps.organization.getCalendar(id);
  return calendarViewOf(
    deps,
    id,
    stored?.value ?? DEFAULT_CALENDAR,
    stored?.version ?? 0,
    stored === undefined,
  );
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
  const { organization } = deps;
  const version = await storeNextVersion(
    deps,
    () => organization.getCalendar(id),
    (value, next, at) => organization.putCalendar(id, value, next, at),
    settings,
  );
  forgetCalendars();
  return calendarViewOf(deps, id, settings, version, false);
};

export const currentSlaPolicies = async (
  deps: OrganizationDeps,
): Promise<{ policies: SlaPolicy[]; version: number; defaults: boolean }> => {
  const { value, ...meta } = orDefaults(
    await deps.organization.getSlaPolicies(),
    DEFAULT_SLA_POLICIES,
  );
  return { policies: value, ...meta };
};

/**
 * Replaces the SLA policies; they apply to complaints routed from now on. A policy that lets the
 * resolution fall due before the first response is refused, naming the policy and the field.
 */
export const replaceSlaPolicies = async (
  deps: OrganizationDeps,
  policies: SlaPolicy[],
): Promise<{ policies: SlaPolicy[]; version: number }> => {
  requireUniqueIds(policies, 'policies');
  for (const [index, policy] of policies.entries()) {
    const why = policyIncoherence(policy);
    if (why === undefined) continue;
    const pointer = `#/policies/${index}/resolution`;
    throw new DomainError(
      'rule-violated',
      `A later deadline may not precede an earlier one: ${why}.`,
      {
        policyId: policy.id,
        fields: [`policies/${index}/resolution`],
        errors: [{ pointer, detail: why }],
      },
    );
  }
  const { organization } = deps;
  const version = await storeNextVersion(
    deps,
    () => organization.getSlaPolicies(),
    (value, next, at) => organization.putSlaPolicies(value, next, at),
    policies,
  );
  return { policies, version };
};

export const currentRevisitPolicies = async (
  deps: OrganizationDeps,
): Promise<{ policies: RevisitPolicy[]; version: number; defaults: boolean }> => {
  const { value, ...meta } = orDefaults(
    await deps.organization.getRevisitPolicies(),
    DEFAULT_REVISIT_POLICIES,
  );
  return { policies: value, ...meta };
};

/** Replaces the revisit policies; they plan revisits for events from now on. */
export const replaceRevisitPolicies = async (
  deps: OrganizationDeps,
  policies: RevisitPolicy[],
): Promise<{ policies: RevisitPolicy[]; version: number }> => {
  requireUniqueIds(policies, 'policies', ['manual']);
  for (const [index, policy] of policies.entries()) {
    if (policy.trigger.type === 'service' && policy.trigger.kinds.length === 0) {
      throw invalidReference(
        `#/policies/${index}/trigger/kinds`,
        'a service trigger needs at least one kind',
      );
    }
  }
  const { organization } = deps;
  const version = await storeNextVersion(
    deps,
    () => organization.getRevisitPolicies(),
    (value, next, at) => organization.putRevisitPolicies(value, next, at),
    policies,
  );
  return { policies, version };
};

export const currentSurveySettings = async (
  deps: OrganizationDeps,
): Promise<{ settings: SurveySettings; version: number; defaults: boolean }> => {
  const { value, ...meta } = orDefaults(
    await deps.organization.getSurveySettings(),
    DEFAULT_SURVEY_SETTINGS,
  );
  return { settings: value, ...meta };
};

/** Replaces the survey settings; surveys planned, sent or answered from now on follow them. */
export const replaceSurveySettings = async (
  deps: OrganizationDeps,
  settings: SurveySettings,
): Promise<{ settings: SurveySettings; version: number }> => {
  validateSurveySettings(settings);
  const { organization } = deps;
  const version = await storeNextVersion(
    deps,
    () => organization.getSurveySettings(),
    (value, next, at) => organization.putSurveySettings(value, next, at),
    settings,
  );
  return { settings, version };
};

export const currentReportSettings = async (
  deps: OrganizationDeps,
): Promise<{ settings: ReportSettings; version: number; defaults: boolean }> => {
  const { value, ...meta } = orDefaults(
    await deps.organization.getReportSettings(),
    DEFAULT_REPORT_SETTINGS,
  );
  return { settings: value, ...meta };
};

/** Replaces the report recipients and targets; the next reports use them. */
export const replaceReportSettings = async (
  deps: OrganizationDeps,
  settings: ReportSettings,
): Promise<{ settings: ReportSettings; version: number }> => {
  const { organization } = deps;
  const version = await storeNextVersion(
    deps,
    () => organization.getReportSettings(),
    (value, next, at) => organization.putReportSettings(value, next, at),
    settings,
  );
  return { settings, version };
};
