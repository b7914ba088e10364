import {
  applyCustomerPatch,
  CONSENT_PURPOSES,
  type ConsentInput,
  type ConsentPurpose,
  createCustomer as newCustomer,
  type Customer,
  type CustomerPatch,
  type NewCustomer,
} from '../../domain/customers/customer';
import {
  checkConsentNotice,
  noticesNamed,
  type PrivacyNotice,
} from '../../domain/customers/privacy-notice';
import { DomainError, notFound } from '../../domain/errors';
import type { DomainEvent } from '../../domain/events';
import type { Page, PageRequest } from '../../domain/pagination';
import type { ContactKind, CustomerServiceDeps } from './ports';

const customerEvent = (
  deps: CustomerServiceDeps,
  type: 'CustomerCreated' | 'CustomerUpdated',
  customer: Customer,
  changedFields?: string[],
): DomainEvent => ({
  id: deps.ids.next(),
  source: 'kefu.customers',
  type,
  occurredAt: customer.updatedAt,
  detail: {
    customerId: customer.id,
    version: customer.version,
    ...(changedFields ? { changedFields } : {}),
  },
});

/**
 * Refuses consents that name a privacy notice version that does not exist, does not cover the
 * purpose, or was published after the consent was given (seed 002 ch. 8 §1.1.34: the customer
 * is told before they agree, so the notice must have been there to be read).
 */
export const checkConsentNotices = async (
  deps: CustomerServiceDeps,
  consents: Partial<Record<ConsentPurpose, ConsentInput>> | undefined,
  pointerPrefix?: string,
): Promise<void> => {
  if (!consents) return;
  const ids = noticesNamed(consents);
  if (ids.length === 0) return;
  const notices = await deps.customers.privacyNotices(ids);
  const now = deps.clock.now();
  for (const purpose of CONSENT_PURPOSES) {
    const input = consents[purpose];
    if (!input?.noticeVersion) continue;
    const notice = notices.find((candidate) => candidate.id === input.noticeVersion?.noticeId);
    checkConsentNotice(purpose, input, notice, now, pointerPrefix);
  }
};

/** The heads of the notices the customers' consents name, by id (one read for a page of them). */
export const noticesOfConsents = async (
  deps: Pick<CustomerServiceDeps, 'customers'>,
  customers: readonly Customer[],
): Promise<Map<string, PrivacyNotice>> => {
  const ids = [...new Set(customers.flatMap((customer) => noticesNamed(customer.consents)))];
  if (ids.length === 0) return new Map();
  const notices = await deps.customers.privacyNotices(ids);
  return new Map(notices.map((notice) => [notice.id, notice]));
};

export const registerCustomer = async (
  deps: CustomerServiceDeps,
  input: NewCustomer,
  pointerPrefix?: string,
): Promise<Customer> => {
  await checkConsentNotices(deps, input.consents, pointerPrefix);
  const customer = newCustomer(deps.ids.next(), input, deps.clock.now());
  await deps.customers.create(customer, customerEvent(deps, 'CustomerCreated', customer));
  return customer;
};

/** The customer; an erased one is `gone` (410) rather than unknown, with when it was erased. */
export const getCustomer = async (deps: CustomerServiceDeps, id: string): Promise<Customer> => {
  const customer = await deps.customers.get(id);
  if (customer) return customer;
  const tombstone = await deps.customers.tombstoneOf(id);
  if (tombstone) {
    throw new DomainError('gone', `Customer ${id} was erased.`, { erasedAt: tombstone.erasedAt });
  }
  throw notFound('Customer', id);
};

export const findCustomerByContact = async (
  deps: CustomerServiceDeps,
  kind: ContactKind,
  value: string,
): Promise<Customer | undefined> => {
  const id = await deps.customers.findIdByContact(kind, value);
  return id ? deps.customers.get(id) : undefined;
};

export const listCustomers = (
  deps: CustomerServiceDeps,
  page: PageRequest,
): Promise<Page<Customer>> => deps.customers.list(page);

export const correctCustomer = async (
  deps: CustomerServiceDeps,
  id: string,
  expectedVersion: number,
  patch: CustomerPatch,
): Promise<Customer> => {
  const current = await getCustomer(deps, id);
  if (current.version !== expectedVersion) {
    throw new DomainError('stale-version', 'The customer was changed since you last read it.', {
      currentVersion: current.version,
    });
  }
  await checkConsentNotices(deps, patch.consents);
  const next = applyCustomerPatch(current, patch, deps.clock.now());
  const changedFields = Object.keys(patch).sort();
  await deps.customers.update(
    current,
    next,
    customerEvent(deps, 'CustomerUpdated', next, changedFields),
  );
  return next;
};
