import type { Customer } from '../domain/customers/customer';
import type { Interaction } from '../domain/customers/interaction';
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
}
