import type { Interaction } from '../../domain/customers/interaction';
import type { Clock } from '../../domain/clock';
import type { DomainEvent } from '../../domain/events';
import type { IdSource } from '../../domain/ids';
import type { Page, PageRequest } from '../../domain/pagination';
import type { Revisit, RevisitStatus } from '../../domain/revisits/revisit';
import type { ServiceRecord } from '../../domain/revisits/service-record';
import type { ComplaintRepository } from '../complaints/ports';
import type { CustomerRepository } from '../customers/ports';
import type { OrganizationRepository } from '../organization/ports';

export interface ServiceRecordRepository {
  /** Stores the record with its ServiceDelivered event; true if it is the customer's first. */
  record(
    service: ServiceRecord,
    event: (firstForCustomer: boolean) => DomainEvent,
  ): Promise<boolean>;
  listForCustomer(customerId: string, page: PageRequest): Promise<Page<ServiceRecord>>;
}

/** A ServiceDelivered event's facts, from which revisits are planned. */
export interface DeliveredService {
  serviceId: string;
  customerId: string;
  kind: string;
  completedAt: string;
  firstForCustomer: boolean;
  staffId?: string | undefined;
  department?: string | undefined;
  odometerKm?: number | undefined;
}

export interface RevisitQuery {
  assigneeId?: string | undefined;
  department?: string | undefined;
  /** With `department`: only the revisits nobody has taken (the unassigned list). */
  unassigned?: boolean | undefined;
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

export interface RevisitServiceDeps {
  revisits: RevisitRepository;
  services: ServiceRecordRepository;
  customers: CustomerRepository;
  complaints: ComplaintRepository;
  organization: OrganizationRepository;
  clock: Clock;
  ids: IdSource;
}
