import type { DomainEvent } from '../../domain/events';
import type { CalendarSettings } from '../../domain/calendar/business-calendar';
import type { RoutingRule } from '../../domain/complaints/routing';
import type { SlaPolicy } from '../../domain/complaints/sla';
import type { Department } from '../../domain/organization/department';
import type { StaffMember } from '../../domain/organization/staff';
import type { ReportSettings } from '../../domain/reports/settings';
import type { RevisitPolicy } from '../../domain/revisits/policy';
import type { SurveySettings } from '../../domain/surveys/settings';

export interface Versioned<T> {
  value: T;
  version: number;
}

/** Departments, staff and routing rules. Puts are optimistic: a stale version is refused. */
export interface OrganizationRepository {
  getDepartment(id: string): Promise<Department | undefined>;
  putDepartment(department: Department): Promise<void>;
  listDepartments(): Promise<Department[]>;
  getStaffMember(id: string): Promise<StaffMember | undefined>;
  /** Writes the member and, in the same transaction, the audit event of the change. */
  putStaffMember(member: StaffMember, audit: DomainEvent): Promise<void>;
  listStaff(department: string): Promise<StaffMember[]>;
  getRoutingRules(): Promise<Versioned<RoutingRule[]> | undefined>;
  getSlaPolicies(): Promise<Versioned<SlaPolicy[]> | undefined>;
  putSlaPolicies(policies: SlaPolicy[], version: number, updatedAt: string): Promise<void>;
  getRevisitPolicies(): Promise<Versioned<RevisitPolicy[]> | undefined>;
  putRevisitPolicies(policies: RevisitPolicy[], version: number, updatedAt: string): Promise<void>;
  getReportSettings(): Promise<Versioned<ReportSettings> | undefined>;
  putReportSettings(settings: ReportSettings, version: number, updatedAt: string): Promise<void>;
  getSurveySettings(): Promise<Versioned<SurveySettings> | undefined>;
  putSurveySettings(settings: SurveySettings, version: number, updatedAt: string): Promise<void>;
  /** Business calendars: `default`, or one per department that works other hours. */
  getCalendar(id: string): Promise<Versioned<CalendarSettings> | undefined>;
  putCalendar(
    id: string,
    settings: CalendarSettings,
    version: number,
    updatedAt: string,
  ): Promise<void>;
  putRoutingRules(rules: RoutingRule[], version: number, updatedAt: string): Promise<void>;
}

/**
 * Staff members' sign-in accounts (the Cognito user pool; a file locally). The account's username
 * is the staff id, so the pre-token trigger finds the /staff record from the token's user.
 */
export interface StaffAccounts {
  /**
   * Creates the account with an invitation email, or brings an existing one up to date (email,
   * name) and enables it. Safe to repeat.
   */
  provision(account: {
    staffId: string;
    email: string;
    name: string;
  }): Promise<'invited' | 'updated'>;
  /** Disables the account and signs it out everywhere (refresh tokens revoked). Safe to repeat. */
  disable(staffId: string): Promise<'disabled' | 'absent'>;
}
