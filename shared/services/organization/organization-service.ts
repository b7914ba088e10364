import { DEFAULT_REPORT_SETTINGS } from '../../domain/reports/settings';
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

/**
 * A settings document the organization keeps in versions (routing rules, SLA and revisit
 * policies, calendars, survey and report settings): read as stored or as the built-in defaults
 * (version 0, `defaults: true`), and replaced whole after `validate` (which throws a DomainError
 * naming what is wrong) as the next version. A concurrent replacement of the same version is
 * refused by the repository as `stale-version`. `scope` names one of several documents (a
 * calendar's id).
 */
export const versionedSetting = <F extends string, T, Scope extends unknown[] = []>(setting: {
  /** The field the document is answered under: `rules`, `policies`, `settings`. */
  field: F;
  read(organization: OrganizationRepository, ...scope: Scope): Promise<Versioned<T> | undefined>;
  write(
    organization: OrganizationRepository,
    value: T,
    version: number,
    updatedAt: string,
    ...scope: Scope
  ): Promise<void>;
  defaults: T;
  validate?(deps: OrganizationDeps, value: T, ...scope: Scope): void | Promise<void>;
  /** Runs after a replacement was stored (caches to forget). */
  replaced?(): void;
}) => ({
  current: async (
    deps: OrganizationDeps,
    ...scope: Scope
  ): Promise<Record<F, T> & { version: number; defaults: boolean }> => {
    const stored = await setting.read(deps.organization, ...scope);
    const { value, version } = stored ?? { value: setting.defaults, version: 0 };
    return { [setting.field]: value, version, defaults: stored === undefined } as Record<F, T> & {
      version: number;
      defaults: boolean;
    };
  },
  replace: async (
    deps: OrganizationDeps,
    value: T,
    ...scope: Scope
  ): Promise<Record<F, T> & { version: number }> => {
    await setting.validate?.(deps, value, ...scope);
    const version = ((await setting.read(deps.organization, ...scope))?.version ?? 0) + 1;
    await setting.write(
      deps.organization,
      value,
      version,
      deps.clock.now().toISOString(),
      ...scope,
    );
    setting.replaced?.();
    return { [setting.field]: value, version } as Record<F, T> & { version: number };
  },
});

/** Replaces the rule set; every department a rule names must be configured. */
export const { current: currentRoutingRules, replace: replaceRoutingRules } = versionedSetting({
  field: 'rules',
  read: (organization) => organization.getRoutingRules(),
  write: (organization, rules, version, at) => organization.putRoutingRules(rules, version, at),
  defaults: DEFAULT_ROUTING_RULES,
  validate: async (deps, rules: RoutingRule[]) => {
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
  },
});

/**
 * SLA policies apply to complaints routed from now on. A policy that lets the resolution fall
 * due before the first response is refused, naming the policy and the field.
 */
export const { current: currentSlaPolicies, replace: replaceSlaPolicies } = versionedSetting({
  field: 'policies',
  read: (organization) => organization.getSlaPolicies(),
  write: (organization, policies, version, at) =>
    organization.putSlaPolicies(policies, version, at),
  defaults: DEFAULT_SLA_POLICIES,
  validate: (_deps, policies: SlaPolicy[]) => {
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
  },
});

/** Revisit policies plan revisits for events from now on. */
export const { current: currentRevisitPolicies, replace: replaceRevisitPolicies } =
  versionedSetting({
    field: 'policies',
    read: (organization) => organization.getRevisitPolicies(),
    write: (organization, policies, version, at) =>
      organization.putRevisitPolicies(policies, version, at),
    defaults: DEFAULT_REVISIT_POLICIES,
    validate: (_deps, policies: RevisitPolicy[]) => {
      requireUniqueIds(policies, 'policies', ['manual']);
      for (const [index, policy] of policies.entries()) {
        if (policy.trigger.type === 'service' && policy.trigger.kinds.length === 0) {
          throw invalidReference(
            `#/policies/${index}/trigger/kinds`,
            'a service trigger needs at least one kind',
          );
        }
      }
    },
  });

/** Surveys planned, sent or answered from now on follow the survey settings. */
export const { current: currentSurveySettings, replace: replaceSurveySettings } = versionedSetting({
  field: 'settings',
  read: (organization) => organization.getSurveySettings(),
  write: (organization, settings, version, at) =>
    organization.putSurveySettings(settings, version, at),
  defaults: DEFAULT_SURVEY_SETTINGS,
  validate: (_deps, settings: SurveySettings) => {
    validateSurveySettings(settings);
  },
});

/** The report recipients and targets; the next reports use them. */
export const { current: currentReportSettings, replace: replaceReportSettings } = versionedSetting({
  field: 'settings',
  read: (organization) => organization.getReportSettings(),
  write: (organization, settings, version, at) =>
    organization.putReportSettings(settings, version, at),
  defaults: DEFAULT_REPORT_SETTINGS,
});

/** Working hours, time zone and holiday overrides of a calendar (`default` or a department's). */
const calendars = versionedSetting({
  field: 'settings',
  read: (organization, id: string) => organization.getCalendar(id),
  write: (organization, settings, version, at, id: string) =>
    organization.putCalendar(id, settings, version, at),
  defaults: DEFAULT_CALENDAR,
  validate: (_deps, settings: CalendarSettings) => {
    const problems = validateCalendarSettings(settings);
    if (problems.length > 0) {
      throw new DomainError('invalid-reference', problems.join('; '), {
        errors: problems.map((problem) => ({ pointer: '#', detail: problem })),
      });
    }
  },
  replaced: forgetCalendars,
});

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
  {
    settings,
    version,
    defaults,
  }: { settings: CalendarSettings; version: number; defaults: boolean },
): CalendarView => ({
  id,
  settings,
  version,
  defaults,
  publicHolidayYears,
  warnings: new BusinessCalendar(settings).holidayScheduleWarnings(deps.clock.now()),
});

export const currentCalendar = async (deps: OrganizationDeps, id: string): Promise<CalendarView> =>
  calendarViewOf(deps, id, await calendars.current(deps, id));

/** Replaces a calendar after validating it; deadlines planned from now on count on it. */
export const replaceCalendar = async (
  deps: OrganizationDeps,
  id: string,
  settings: CalendarSettings,
): Promise<CalendarView> =>
  calendarViewOf(deps, id, { ...(await calendars.replace(deps, settings, id)), defaults: false });
