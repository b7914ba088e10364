import type { Complaint, TimelineEntry } from '../../../shared/domain/complaints/complaint';
import type { ComplaintStatus } from '../../../shared/domain/complaints/lifecycle';
import type { Interaction } from '../../../shared/domain/customers/interaction';
import { DomainError } from '../../../shared/domain/errors';
import type { Page, PageRequest } from '../../../shared/domain/pagination';
import type {
  ComplaintChange,
  ComplaintQuery,
  ComplaintRepository,
} from '../../../shared/services/complaints/ports';
import { copy, EventLog, pageOf } from './basics';
import type { InMemoryOrganization } from './organization';

/**
 * Complaints in memory with the contract of DynamoComplaintRepository: a change is one atomic
 * write (complaint, timeline, open-work counters, last assignee, interactions, events) under the
 * version read — `stale-version` when another writer saved first, nothing written then; a new
 * complaint and its number exist once; a timeline entry appended again changes nothing.
 */
export class InMemoryComplaints implements ComplaintRepository {
  readonly complaints = new Map<string, Complaint>();
  readonly entries: TimelineEntry[] = [];
  readonly interactions: Interaction[] = [];
  /** Writes refused as stale, for tests of a lost race. */
  staleRefusals = 0;
  /** Before each save: a test may let another writer in (`beat`). */
  beforeSave: ((change: ComplaintChange) => void) | undefined;

  constructor(
    readonly organization: InMemoryOrganization,
    readonly outbox: EventLog = new EventLog(),
  ) {}

  async save(change: ComplaintChange): Promise<void> {
    this.beforeSave?.(change);
    const { previous, next } = change;
    const current = this.complaints.get(next.id);
    if (previous ? current?.version !== previous.version : current !== undefined) {
      this.staleRefusals += 1;
      throw new DomainError('stale-version', 'The complaint was changed meanwhile; read it again.');
    }
    if (!previous && [...this.complaints.values()].some((c) => c.number === next.number)) {
      throw new DomainError('stale-version', 'The complaint number is taken.');
    }
    if (change.timeline.some((entry) => this.entries.some((kept) => kept.id === entry.id))) {
      throw new DomainError('rule-violated', 'A timeline entry of this id exists.');
    }
    // Check every condition before writing anything: all or nothing.
    for (const counter of change.openWork ?? []) {
      if (counter.delta !== 0 && !this.organization.staff.has(counter.staffId)) {
        throw new DomainError('rule-violated', 'The staff member or department no longer exists.');
      }
    }
    if (change.lastAssigned && !this.organization.departments.has(change.lastAssigned.department)) {
      throw new DomainError('rule-violated', 'The staff member or department no longer exists.');
    }
    this.complaints.set(next.id, copy(next));
    this.entries.push(...copy(change.timeline));
    for (const counter of change.openWork ?? []) {
      if (counter.delta !== 0) this.organization.moveOpenWork(counter.staffId, counter.delta);
    }
    if (change.lastAssigned) {
      this.organization.rememberLastAssigned(
        change.lastAssigned.department,
        change.lastAssigned.staffId,
      );
    }
    this.interactions.push(...copy(change.interactions ?? []));
    this.outbox.add(copy(change.events));
  }

  /** Another writer saving the complaint in between (a background change): one version on. */
  beat(id: string, change: Partial<Complaint> = {}): void {
    const current = this.complaints.get(id);
    if (!current) throw new Error(`no complaint ${id}`);
    this.complaints.set(id, { ...current, ...change, version: current.version + 1 });
  }

  async get(id: string) {
    const found = this.complaints.get(id);
    return found && copy(found);
  }
  async getByNumber(number: string) {
    const found = [...this.complaints.values()].find((c) => c.number === number);
    return found && copy(found);
  }
  async timeline(id: string) {
    return copy(this.entries.filter((entry) => entry.complaintId === id));
  }
  async dueForSlaCheck(until: string, limit: number) {
    return [...this.complaints.values()]
      .filter((c) => c.sla?.nextCheckAt !== undefined && c.sla.nextCheckAt <= until)
      .filter((c) => c.status !== 'resolved' && c.status !== 'closed')
      .slice(0, limit)
      .map((c) => c.id);
  }
  async dueForAutoClose(until: string, limit: number) {
    return [...this.complaints.values()]
      .filter((c) => c.status === 'resolved' && c.confirmation?.autoCloseAt !== undefined)
      .filter((c) => (c.confirmation?.autoCloseAt ?? '') <= until)
      .slice(0, limit)
      .map((c) => c.id);
  }
  async idsInStatusReceivedBefore(status: ComplaintStatus, before: string, limit: number) {
    return [...this.complaints.values()]
      .filter((c) => c.status === status && c.receivedAt < before)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .slice(0, limit)
      .map((c) => c.id);
  }
  async appendTimeline(entry: TimelineEntry): Promise<void> {
    if (this.entries.some((kept) => kept.id === entry.id)) return;
    this.entries.push(copy(entry));
  }
  async list(query: ComplaintQuery, page: PageRequest): Promise<Page<Complaint>> {
    const matching = [...this.complaints.values()]
      .filter(
        (c) => query.breached === undefined || (c.breachedAt !== undefined) === query.breached,
      )
      .filter((c) => query.department === undefined || c.department === query.department)
      .filter((c) => query.status === undefined || c.status === query.status)
      .filter((c) => query.ownerId === undefined || c.ownerId === query.ownerId)
      .filter((c) => query.customerId === undefined || c.customerId === query.customerId)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    return pageOf(matching.map(copy), page);
  }
}
