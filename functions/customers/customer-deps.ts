import { systemClock } from '../../shared/adapters/clock';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { CustomerServiceDeps } from '../../shared/services/customers/ports';

let deps: CustomerServiceDeps | undefined;

/** Composition root of the customer functions: real adapters, created once per environment. */
export const customerDeps = (): CustomerServiceDeps => {
  deps ??= { customers: new DynamoCustomerRepository(), clock: systemClock, ids: ulidIds };
  return deps;
};
