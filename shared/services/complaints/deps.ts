import type {
  Clock,
  ComplaintRepository,
  CustomerRepository,
  IdSource,
  OrganizationRepository,
} from '../ports';

export interface ComplaintServiceDeps {
  complaints: ComplaintRepository;
  customers: CustomerRepository;
  organization: OrganizationRepository;
  clock: Clock;
  ids: IdSource;
  /** How long after resolution or closing a complaint may still be reopened. */
  reopenWindowDays: number;
}
