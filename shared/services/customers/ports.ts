import type { Customer } from '../../domain/customers/customer';
import type { Tombstone } from '../../domain/customers/erasure';
import type { Interaction } from '../../domain/customers/interaction';
import type { NoticeVersion, PrivacyNotice } from '../../domain/customers/privacy-notice';
import type { CustomerTimelineEntry, TimelineKind } from '../../domain/customers/timeline';
import type { Clock } from '../../domain/clock';
import type { DomainEvent } from '../../domain/events';
import type { IdSource } from '../../domain/ids';
import type { Page, PageRequest } from '../../domain/pagination';

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
  /**
   * The heads of the privacy notices with these ids (those that exist), which consents are read
   * against: whether a named version exists, covers its purpose, and still counts.
   */
  privacyNotices(ids: readonly string[]): Promise<PrivacyNotice[]>;
}

/**
 * Privacy notices: a head per notice (current version, history, the version each purpose's
 * consents must name) and its immutable versions.
 */
export interface PrivacyNoticeRepository {
  get(id: string): Promise<PrivacyNotice | undefined>;
  getVersion(id: string, version: number): Promise<NoticeVersion | undefined>;
  list(page: PageRequest): Promise<Page<PrivacyNotice>>;
  /**
   * Writes the new version, the head and the event in one transaction, only if the head is
   * still `previous` (none for a first version): else `stale-version`.
   */
  publish(
    previous: PrivacyNotice | undefined,
    notice: PrivacyNotice,
    version: NoticeVersion,
    event: DomainEvent,
  ): Promise<void>;
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

export interface CustomerServiceDeps {
  customers: CustomerRepository;
  clock: Clock;
  ids: IdSource;
}

export interface PrivacyNoticeDeps {
  notices: PrivacyNoticeRepository;
  clock: Clock;
  ids: IdSource;
}
