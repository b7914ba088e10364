import type { Customer } from '../../../shared/domain/customers/customer';
import type { Tombstone } from '../../../shared/domain/customers/erasure';
import type { Interaction } from '../../../shared/domain/customers/interaction';
import type { NoticeVersion, PrivacyNotice } from '../../../shared/domain/customers/privacy-notice';
import { DomainError } from '../../../shared/domain/errors';
import type { DomainEvent } from '../../../shared/domain/events';
import type { PageRequest } from '../../../shared/domain/pagination';
import type {
  ContactKind,
  CustomerRepository,
  PrivacyNoticeRepository,
} from '../../../shared/services/customers/ports';
import { copy, EventLog, pageOf } from './basics';

/**
 * The customer archive in memory with DynamoCustomerRepository's contract: email and phone are
 * unique (`duplicate`, naming the existing customer), updates and erasure are conditional on
 * the version read (`stale-version`), each write comes with its event.
 */
export class InMemoryCustomers implements CustomerRepository {
  readonly customers = new Map<string, Customer>();
  readonly interactions: Interaction[] = [];
  readonly tombstones = new Map<string, Tombstone>();
  /** The privacy notices consents are read against (shared with `InMemoryPrivacyNotices`). */
  readonly notices = new Map<string, PrivacyNotice>();

  constructor(readonly outbox: EventLog = new EventLog()) {}

  async privacyNotices(ids: readonly string[]) {
    return ids.flatMap((id) => {
      const notice = this.notices.get(id);
      return notice ? [copy(notice)] : [];
    });
  }

  private holderOf(kind: ContactKind, value: string | undefined, except?: string) {
    if (!value) return undefined;
    return [...this.customers.values()].find((c) => c[kind] === value && c.id !== except)?.id;
  }

  private checkContacts(customer: Customer): void {
    for (const kind of ['email', 'phone'] as const) {
      const existingId = this.holderOf(kind, customer[kind], customer.id);
      if (existingId) {
        throw new DomainError('duplicate', `Another customer already has this ${kind}.`, {
          existingId,
        });
      }
    }
  }

  async create(customer: Customer, event: DomainEvent) {
    if (this.customers.has(customer.id)) throw new DomainError('duplicate', 'The id is taken.');
    this.checkContacts(customer);
    this.customers.set(customer.id, copy(customer));
    this.outbox.add([event]);
  }
  async get(id: string) {
    const found = this.customers.get(id);
    return found && copy(found);
  }
  async findIdByContact(kind: ContactKind, value: string) {
    return this.holderOf(kind, value);
  }
  async update(previous: Customer, next: Customer, event: DomainEvent) {
    if (this.customers.get(previous.id)?.version !== previous.version) {
      throw new DomainError('stale-version', 'The customer was changed since you last read it.');
    }
    this.checkContacts(next);
    this.customers.set(next.id, copy(next));
    this.outbox.add([event]);
  }
  async list(page: PageRequest) {
    return pageOf([...this.customers.values()].map(copy), page);
  }
  async addInteraction(interaction: Interaction, event: DomainEvent) {
    if (!this.customers.has(interaction.customerId)) {
      throw new DomainError('not-found', `Customer ${interaction.customerId} does not exist.`);
    }
    if (this.interactions.some((kept) => kept.id === interaction.id)) return;
    this.interactions.push(copy(interaction));
    this.outbox.add([event]);
  }
  async listInteractions(customerId: string, page: PageRequest) {
    return pageOf(this.interactions.filter((i) => i.customerId === customerId).map(copy), page);
  }
  async tombstoneOf(id: string) {
    return this.tombstones.get(id);
  }
  async erase(customer: Customer, tombstone: Tombstone, event: DomainEvent) {
    if (this.customers.get(customer.id)?.version !== customer.version) {
      throw new DomainError('stale-version', 'The customer was changed meanwhile; try again.');
    }
    this.customers.delete(customer.id);
    this.tombstones.set(customer.id, copy(tombstone));
    this.outbox.add([event]);
  }

  /** Test set-up: a customer in the archive, consenting to everything. */
  seed(id: string, change: Partial<Customer> = {}): Customer {
    const consent = { granted: true, source: 'web-form', recordedAt: '2031-01-01T00:00:00.000Z' };
    const customer = {
      id,
      name: `Customer ${id}`,
      email: `${id.toLowerCase()}@example.test`,
      preferredLanguage: 'zh-CN',
      consents: { marketing: consent, surveys: consent, serviceContact: consent },
      tags: [],
      tier: 'standard',
      createdAt: '2031-01-01T00:00:00.000Z',
      updatedAt: '2031-01-01T00:00:00.000Z',
      version: 1,
      ...change,
    } as Customer;
    this.customers.set(id, customer);
    return copy(customer);
  }
}

/** Privacy notices in memory, with the repository's contract: a publication is conditional on the head read. */
export class InMemoryPrivacyNotices implements PrivacyNoticeRepository {
  readonly versions = new Map<string, NoticeVersion>();

  constructor(
    readonly heads: Map<string, PrivacyNotice> = new Map(),
    readonly outbox: EventLog = new EventLog(),
  ) {}

  async get(id: string) {
    const found = this.heads.get(id);
    return found && copy(found);
  }
  async getVersion(id: string, version: number) {
    const found = this.versions.get(`${id}#${version}`);
    return found && copy(found);
  }
  async list(page: PageRequest) {
    return pageOf([...this.heads.values()].map(copy), page);
  }
  async publish(
    previous: PrivacyNotice | undefined,
    notice: PrivacyNotice,
    version: NoticeVersion,
    event: DomainEvent,
  ) {
    if (this.heads.get(notice.id)?.version !== previous?.version) {
      throw new DomainError(
        'stale-version',
        `Privacy notice ${notice.id} was published meanwhile.`,
      );
    }
    this.heads.set(notice.id, copy(notice));
    this.versions.set(`${version.noticeId}#${version.version}`, copy(version));
    this.outbox.add([event]);
  }
}
