import type { CalendarSettings } from '../../../shared/domain/calendar/business-calendar';
import type { RoutingRule } from '../../../shared/domain/complaints/routing';
import type { SlaPolicy } from '../../../shared/domain/complaints/sla';
import { DomainError } from '../../../shared/domain/errors';
import type { Department } from '../../../shared/domain/organization/department';
import type { StaffMember } from '../../../shared/domain/organization/staff';
import type { ReportSettings } from '../../../shared/domain/reports/settings';
import { migrateRevisitPolicy, type RevisitPolicy } from '../../../shared/domain/revisits/policy';
import type { SurveySettings } from '../../../shared/domain/surveys/settings';
import type {
  OrganizationRepository,
  StaffAccount,
  StaffAccounts,
  Versioned,
} from '../../../shared/services/organization/ports';
import type { DomainEvent } from '../../../shared/domain/events';
import { copy } from './basics';

/** Settings kept under a version: a put must name the next one (`stale-version` otherwise). */
class VersionedSlot<T> {
  private stored: Versioned<T> | undefined;
  get(): Versioned<T> | undefined {
    return this.stored && copy(this.stored);
  }
  put(value: T, version: number): void {
    if (version !== (this.stored?.version ?? 0) + 1) {
      throw new DomainError('stale-version', 'The settings were changed meanwhile.');
    }
    this.stored = { value: copy(value), version };
  }
}

/** Departments, staff and settings in memory, with the optimistic puts of the Dynamo adapter. */
export class InMemoryOrganization implements OrganizationRepository {
  readonly departments = new Map<string, Department>();
  readonly staff = new Map<string, StaffMember>();
  private readonly routing = new VersionedSlot<RoutingRule[]>();
  private readonly sla = new VersionedSlot<SlaPolicy[]>();
  private readonly revisit = new VersionedSlot<RevisitPolicy[]>();
  private readonly report = new VersionedSlot<ReportSettings>();
  private readonly survey = new VersionedSlot<SurveySettings>();
  private readonly calendars = new Map<string, VersionedSlot<CalendarSettings>>();

  private putVersioned<T extends { id: string; version: number }>(
    store: Map<string, T>,
    item: T,
  ): void {
    if (item.version !== (store.get(item.id)?.version ?? 0) + 1) {
      throw new DomainError('stale-version', `${item.id} was changed meanwhile.`);
    }
    store.set(item.id, copy(item));
  }

  async getDepartment(id: string) {
    const found = this.departments.get(id);
    return found && copy(found);
  }
  async putDepartment(department: Department) {
    this.putVersioned(this.departments, department);
  }
  async listDepartments() {
    return [...this.departments.values()].map(copy);
  }
  async getStaffMember(id: string) {
    const found = this.staff.get(id);
    return found && copy(found);
  }
  /** The audit events written with staff changes, in order. */
  readonly staffAudit: DomainEvent[] = [];
  async putStaffMember(member: StaffMember, audit: DomainEvent) {
    this.putVersioned(this.staff, member);
    this.staffAudit.push(audit);
  }
  async listStaff(department: string) {
    return [...this.staff.values()].filter((m) => m.department === department).map(copy);
  }
  async getRoutingRules() {
    return this.routing.get();
  }
  async putRoutingRules(rules: RoutingRule[], version: number) {
    this.routing.put(rules, version);
  }
  async getSlaPolicies() {
    return this.sla.get();
  }
  async putSlaPolicies(policies: SlaPolicy[], version: number) {
    this.sla.put(policies, version);
  }
  /** Read migrated like the DynamoDB adapter: a policy stored with a `delay` has it as its deadline. */
  async getRevisitPolicies() {
    const stored = this.revisit.get();
    return stored && { ...stored, value: stored.value.map(migrateRevisitPolicy) };
  }
  async putRevisitPolicies(policies: RevisitPolicy[], version: number) {
    this.revisit.put(policies, version);
  }
  async getReportSettings() {
    return this.report.get();
  }
  async putReportSettings(settings: ReportSettings, version: number) {
    this.report.put(settings, version);
  }
  async getSurveySettings() {
    return this.survey.get();
  }
  async putSurveySettings(settings: SurveySettings, version: number) {
    this.survey.put(settings, version);
  }
  async getCalendar(id: string) {
    return this.calendars.get(id)?.get();
  }
  async putCalendar(id: string, settings: CalendarSettings, version: number) {
    const slot = this.calendars.get(id) ?? new VersionedSlot<CalendarSettings>();
    slot.put(settings, version);
    this.calendars.set(id, slot);
  }

  /** Moves a staff member's open-work counter, as the complaint write does in its transaction. */
  moveOpenWork(staffId: string, delta: number): void {
    const member = this.staff.get(staffId);
    if (!member) throw new DomainError('rule-violated', 'The staff member no longer exists.');
    this.staff.set(staffId, { ...member, openComplaints: member.openComplaints + delta });
  }

  rememberLastAssigned(departmentId: string, staffId: string): void {
    const department = this.departments.get(departmentId);
    if (!department) throw new DomainError('rule-violated', 'The department no longer exists.');
    this.departments.set(departmentId, { ...department, lastAssignedStaffId: staffId });
  }

  /** Test set-up: a department with its staff, stored as the organization service would. */
  seedDepartment(
    id: string,
    staff: { id: string; onDuty?: boolean; openComplaints?: number }[] = [],
    extra: Partial<Department> = {},
  ): void {
    this.departments.set(id, {
      id: id as Department['id'],
      name: id,
      updatedAt: '2031-01-01T00:00:00.000Z',
      version: 1,
      ...extra,
    });
    for (const member of staff) {
      this.staff.set(member.id, {
        id: member.id,
        name: member.id,
        email: `${member.id}@kefu.test`,
        department: id as StaffMember['department'],
        role: 'agent',
        onDuty: member.onDuty ?? true,
        openComplaints: member.openComplaints ?? 0,
        updatedAt: '2031-01-01T00:00:00.000Z',
        version: 1,
      });
    }
  }
}

/** Sign-in accounts as the Cognito adapter keeps them: by staff id, enabled or not. */
export class InMemoryStaffAccounts implements StaffAccounts {
  readonly accounts = new Map<string, { email: string; name: string; enabled: boolean }>();
  /** Refuses the next call, as Cognito would when throttled or down. */
  failNext = false;

  async provision(account: StaffAccount) {
    this.maybeFail();
    const existed = this.accounts.has(account.staffId);
    this.accounts.set(account.staffId, { email: account.email, name: account.name, enabled: true });
    return existed ? ('updated' as const) : ('invited' as const);
  }

  async disable(staffId: string) {
    this.maybeFail();
    const account = this.accounts.get(staffId);
    if (!account) return 'absent' as const;
    account.enabled = false;
    return 'disabled' as const;
  }

  private maybeFail() {
    if (!this.failNext) return;
    this.failNext = false;
    throw new Error('TooManyRequestsException');
  }
}
