import {
  applyCustomerPatch,
  createCustomer as newCustomer,
  type Customer,
  type CustomerPatch,
  type NewCustomer,
} from '../../domain/customers/customer';
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

export const registerCustomer = async (
  deps: CustomerServiceDeps,
  input: NewCustomer,
): Promise<Customer> => {
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
  const next = applyCustomerPatch(current, patch, deps.clock.now());
  const changedFields = Object.keys(patch).sort();
  await deps.customers.update(
    current,
    next,
    customerEvent(deps, 'CustomerUpdated', next, changedFields),
  );
  return next;
};
