import type { Complaint, TimelineEntry } from '../../domain/complaints/complaint';
import type { ComplaintStatus } from '../../domain/complaints/lifecycle';
import type { Interaction } from '../../domain/customers/interaction';
import type { Clock } from '../../domain/clock';
import type { DomainEvent } from '../../domain/events';
import type { IdSource } from '../../domain/ids';
import type { Page, PageRequest } from '../../domain/pagination';
import type { CustomerRepository } from '../customers/ports';
import type { OrganizationRepository } from '../organization/ports';

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

export interface ComplaintServiceDeps {
  complaints: ComplaintRepository;
  customers: CustomerRepository;
  organization: OrganizationRepository;
  clock: Clock;
  ids: IdSource;
  /** How long after resolution or closing a complaint may still be reopened. */
  reopenWindowDays: number;
}
