import type {
  Clock,
  ComplaintRepository,
  CustomerRepository,
  IdSource,
  OrganizationRepository,
  RevisitRepository,
  ServiceRecordRepository,
} from '../ports';

export interface RevisitServiceDeps {
  revisits: RevisitRepository;
  services: ServiceRecordRepository;
  customers: CustomerRepository;
  complaints: ComplaintRepository;
  organization: OrganizationRepository;
  clock: Clock;
  ids: IdSource;
}
