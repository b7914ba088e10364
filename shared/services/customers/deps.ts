import type { Clock, CustomerRepository, IdSource } from '../ports';

export interface CustomerServiceDeps {
  customers: CustomerRepository;
  clock: Clock;
  ids: IdSource;
}
