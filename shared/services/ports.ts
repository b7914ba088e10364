import type { Complaint, TimelineEntry } from '../domain/complaints/complaint';
import type { ComplaintStatus } from '../domain/complaints/lifecycle';
import type { CalendarSettings } from '../domain/calendar/business-calendar';
import type { RoutingRule } from '../domain/complaints/routing';
import type { SlaPolicy } from '../domain/complaints/sla';
import type { ReportSettings } from '../domain/reports/settings';
import type { SurveySettings } from '../domain/surveys/settings';
import type { RevisitPolicy } from '../domain/revisits/policy';
import type { Revisit, RevisitStatus } from '../domain/revisits/revisit';
import type { ServiceRecord } from '../domain/revisits/service-record';
import type { Customer } from '../domain/customers/customer';
import type { Tombstone } from '../domain/customers/erasure';
import type { Department } from '../domain/organization/department';
import type { StaffMember } from '../domain/organization/staff';
import type { Interaction } from '../domain/customers/interaction';
import type { CustomerTimelineEntry, TimelineKind } from '../domain/customers/timeline';
import type { DomainEvent } from '../domain/events';
import type { Page, PageRequest } from '../domain/pagination';

export type { Clock } from '../domain/clock';
export type { IdSource } from '../domain/ids';

export type ContactKind = 'email' | 'phone';

/**
 * The customer archive. Writes are atomic with their outbox event; uniqueness of email and phone
 * is enforced inside the same write (a `duplicate` DomainError names the existing customer).
 */
export interface CustomerRepository {
  create(customer: Customer, event: DomainEvent): Promise<void>;
  get(id: string): Promise<Customer | undefined>;
  findIdByContact(kind: ContactKind, value: string): Promise<string | undefined>;
  /** Replaces `previous` with `next` only if `previous.version` is still current. */
  update(previous: Customer, next: Customer, event: DomainEvent): Promise<void>;
  list(page: PageRequest): Promise<Page<Customer>>;
  addInteraction(interaction: Interaction, event: DomainEvent): Promise<void>;
  listInteractions(customerId: string, page: PageRequest): Promise<Page<Interaction>>;
  /** What is left of an erased customer, if they were. */
  tombstoneOf(id: string): Promise<Tombstone | undefined>;
  /**
   * Erases the customer for good in one write: the profile, the contact guards and the data key
   * (so that every copy of their personal data elsewhere becomes unreadable) give way to the
   * tombstone; `stale-version` if the customer changed meanwhile.
   */
  erase(customer: Customer, tombstone: Tombstone, event: DomainEvent): Promise<void>;
}

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
  putStaffMember(member: StaffMember): Promise<void>;
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

/** One atomic change of a complaint, with everything that must happen with it or not at all. */
export interface ComplaintChange {
  /** The version read; undefined when the complaint is new. */
  previous: Complaint | undefined;
  next: Complaint;
  timeline: TimelineEntry[];
  events: DomainEvent[];
  /** Open-work counters of staff to move (assignment, reassignment, resolution, reopening). */
  openWork?: { staffId: string; delta: number }[];
  /** Remember who was assigned last in the department (round-robin among ties). */
  lastAssigned?: { department: string; staffId: string };
  /** Contacts on the customer's communication record that came with the change (an email). */
  interactions?: Interaction[];
}

export interface ComplaintQuery {
  /** Only complaints that missed a target. */
  breached?: boolean | undefined;
  department?: string | undefined;
  status?: ComplaintStatus | undefined;
  ownerId?: string | undefined;
  customerId?: string | undefined;
}

export interface ComplaintRepository {
  /** Fails with `stale-version` when the complaint changed since `previous` was read. */
  save(change: ComplaintChange): Promise<void>;
  get(id: string): Promise<Complaint | undefined>;
  /** By the number customers quote (KF-…), for replies in a complaint's email thread. */
  getByNumber(number: string): Promise<Complaint | undefined>;
  timeline(id: string): Promise<TimelineEntry[]>;
  /** Ids of open complaints with an SLA checkpoint due at or before `until` (due-time index). */
  dueForSlaCheck(until: string, limit: number): Promise<string[]>;
  /** Ids of resolved complaints whose customer stayed silent until `until` (due-time index). */
  dueForAutoClose(until: string, limit: number): Promise<string[]>;
  /** Ids of complaints in `status` received before `before`, oldest first (status index). */
  idsInStatusReceivedBefore(
    status: ComplaintStatus,
    before: string,
    limit: number,
  ): Promise<string[]>;
  /**
   * Adds a timeline entry on its own; a second call with the same entry id changes nothing.
   * `customerId`: whose complaint it is (the entry is sealed under their key).
   */
  appendTimeline(entry: TimelineEntry, customerId: string): Promise<void>;
  /** Newest first, through the index that fits the query best; needs at least one criterion. */
  list(query: ComplaintQuery, page: PageRequest): Promise<Page<Complaint>>;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string | undefined;
  /** Extra header fields, e.g. List-Unsubscribe (RFC 8058). */
  headers?: Record<string, string> | undefined;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/**
 * Remembers which notifications went out, so a redelivered event sends nothing twice: `claim`
 * is true only for the first caller; `release` gives the claim back when sending failed.
 */
export interface NotificationLog {
  claim(eventId: string, kind: string): Promise<boolean>;
  release(eventId: string, kind: string): Promise<void>;
}

export interface ServiceRecordRepository {
  /** Stores the record with its ServiceDelivered event; true if it is the customer's first. */
  record(
    service: ServiceRecord,
    event: (firstForCustomer: boolean) => DomainEvent,
  ): Promise<boolean>;
  listForCustomer(customerId: string, page: PageRequest): Promise<Page<ServiceRecord>>;
}

export interface RevisitQuery {
  assigneeId?: string | undefined;
  department?: string | undefined;
  status: RevisitStatus;
  /** Only revisits due within [from, to). */
  dueFrom?: string | undefined;
  dueBefore?: string | undefined;
}

export interface RevisitRepository {
  /** Plans a revisit once per `planKey`; false (and nothing written) if it was planned already. */
  plan(revisit: Revisit, planKey: string, event: DomainEvent): Promise<boolean>;
  get(id: string): Promise<Revisit | undefined>;
  /** Replaces `previous` by `next` if unchanged meanwhile, with events and customer-timeline entries. */
  save(
    previous: Revisit,
    next: Revisit,
    events: DomainEvent[],
    interactions?: Interaction[],
  ): Promise<void>;
  dueIds(until: string, limit: number): Promise<string[]>;
  /** Every revisit in a status, up to `limit` (status index), for the owners' daily digest. */
  inStatus(status: RevisitStatus, limit: number): Promise<Revisit[]>;
  list(query: RevisitQuery, page: PageRequest): Promise<Page<Revisit>>;
  /** The customer's revisits, oldest due first, up to `limit`. */
  forCustomer(customerId: string, limit: number): Promise<Revisit[]>;
}

/** The customer's own links to a complaint: its progress page, and their answer to the result. */
export interface ComplaintLinks {
  /** A signed link to the progress page, valid for `COMPLAINT_LINK_VALID_DAYS` from now. */
  progressUrl(complaintId: string, now: Date): Promise<string>;
  /** The progress page with the answer to the result `round` preselected (records nothing). */
  answerUrl(
    complaintId: string,
    now: Date,
    round: string,
    answer: 'solved' | 'not_solved',
  ): Promise<string>;
  /** The complaint a link's token names, if genuine and not expired. */
  complaintOfToken(token: string, now: Date): Promise<string | undefined>;
}

/**
 * The customer's one timeline (items in their collection, personal text sealed under their key).
 * Lines are keyed by the fact they come from: recording one again changes nothing.
 */
export interface CustomerTimeline {
  record(entries: CustomerTimelineEntry[]): Promise<void>;
  /** Newest first; only lines of `kind` when given. */
  list(
    customerId: string,
    kind: TimelineKind | undefined,
    page: PageRequest,
  ): Promise<Page<CustomerTimelineEntry>>;
}
