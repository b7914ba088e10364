import type { Interaction } from '../../../shared/domain/customers/interaction';
import { DomainError } from '../../../shared/domain/errors';
import type { DomainEvent } from '../../../shared/domain/events';
import type { Page, PageRequest } from '../../../shared/domain/pagination';
import {
  nextCheckpointAt,
  type Revisit,
  type RevisitStatus,
} from '../../../shared/domain/revisits/revisit';
import type { ServiceRecord } from '../../../shared/domain/revisits/service-record';
import type {
  RevisitQuery,
  RevisitRepository,
  ServiceRecordRepository,
} from '../../../shared/services/revisits/ports';
import { copy, EventLog, pageOf } from './basics';

/**
 * Revisits in memory with the contract of DynamoRevisitRepository: a plan key is claimed once
 * (a second plan writes nothing and answers false); a save replaces the version read, with its
 * events and timeline entries, or fails `stale-version` and writes nothing.
 */
export class InMemoryRevisits implements RevisitRepository {
  readonly revisits = new Map<string, Revisit>();
  readonly planKeys = new Set<string>();
  readonly interactions: Interaction[] = [];
  /** Before each save: a test may let another writer in (`beat`). */
  beforeSave: ((next: Revisit) => void) | undefined;

  constructor(readonly outbox: EventLog = new EventLog()) {}

  async plan(revisit: Revisit, planKey: string, event: DomainEvent): Promise<boolean> {
    if (this.planKeys.has(planKey)) return false;
    this.planKeys.add(planKey);
    this.revisits.set(revisit.id, copy(revisit));
    this.outbox.add([copy(event)]);
    return true;
  }

  async get(id: string) {
    const found = this.revisits.get(id);
    return found && copy(found);
  }

  async save(
    previous: Revisit,
    next: Revisit,
    events: DomainEvent[],
    interactions: Interaction[] = [],
  ): Promise<void> {
    this.beforeSave?.(next);
    if (this.revisits.get(previous.id)?.version !== previous.version) {
      throw new DomainError('stale-version', 'The revisit was changed meanwhile; read it again.');
    }
    this.revisits.set(next.id, copy(next));
    this.interactions.push(...copy(interactions));
    this.outbox.add(copy(events));
  }

  /** Another writer saving the revisit in between: one version on. */
  beat(id: string): void {
    const current = this.revisits.get(id);
    if (!current) throw new Error(`no revisit ${id}`);
    this.revisits.set(id, { ...current, version: current.version + 1 });
  }

  async dueIds(until: string, limit: number) {
    return this.sorted()
      .filter((revisit) => (nextCheckpointAt(revisit) ?? '~') <= until)
      .slice(0, limit)
      .map((revisit) => revisit.id);
  }

  async inStatus(status: RevisitStatus, limit: number) {
    return this.sorted()
      .filter((revisit) => revisit.status === status)
      .slice(0, limit)
      .map(copy);
  }

  async list(query: RevisitQuery, page: PageRequest): Promise<Page<Revisit>> {
    const matching = this.sorted()
      .filter((revisit) => revisit.status === query.status)
      .filter((r) => query.assigneeId === undefined || r.assigneeId === query.assigneeId)
      .filter((r) => query.department === undefined || r.department === query.department)
      .filter((r) => !query.unassigned || r.assigneeId === undefined)
      .filter((r) => query.dueFrom === undefined || r.dueAt >= query.dueFrom)
      .filter((r) => query.dueBefore === undefined || r.dueAt < query.dueBefore);
    return pageOf(matching.map(copy), page);
  }

  async forCustomer(customerId: string, limit: number) {
    return this.sorted()
      .filter((revisit) => revisit.customerId === customerId)
      .slice(0, limit)
      .map(copy);
  }

  private sorted(): Revisit[] {
    return [...this.revisits.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }
}

/** Service records in memory: the first record of a customer says so in its event. */
export class InMemoryServiceRecords implements ServiceRecordRepository {
  readonly records: ServiceRecord[] = [];

  constructor(readonly outbox: EventLog = new EventLog()) {}

  async record(
    service: ServiceRecord,
    event: (firstForCustomer: boolean) => DomainEvent,
  ): Promise<boolean> {
    const first = !this.records.some((kept) => kept.customerId === service.customerId);
    this.records.push(copy(service));
    this.outbox.add([event(first)]);
    return first;
  }

  async listForCustomer(customerId: string, page: PageRequest) {
    const mine = this.records
      .filter((record) => record.customerId === customerId)
      .sort((a, b) => b.completedAt.localeCompare(a.completedAt));
    return pageOf(mine.map(copy), page);
  }
}
