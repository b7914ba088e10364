import type { Complaint, TimelineEntry } from '../../domain/complaints/complaint';
import type { Customer } from '../../domain/customers/customer';
import type { Interaction } from '../../domain/customers/interaction';
import type { Revisit } from '../../domain/revisits/revisit';
import type { ServiceRecord } from '../../domain/revisits/service-record';
import type { Survey } from '../../domain/surveys/survey';
import type { ComplaintRepository } from '../complaints/ports';
import type { RevisitRepository, ServiceRecordRepository } from '../revisits/ports';
import type { SurveyRepository } from '../surveys/ports';
import { everyPage } from '../every-page';
import { getCustomer } from './customer-service';
import type { CustomerServiceDeps } from './ports';

export interface ExportDeps extends CustomerServiceDeps {
  complaints: ComplaintRepository;
  services: ServiceRecordRepository;
  revisits: RevisitRepository;
  surveys: SurveyRepository;
}

export interface CustomerExport {
  exportedAt: string;
  customer: Customer;
  interactions: Interaction[];
  complaints: (Complaint & { timeline: TimelineEntry[] })[];
  services: ServiceRecord[];
  revisits: Revisit[];
  surveys: Survey[];
}

/** Records per kind at most; a customer with more is an integration gone wrong, not a person. */
const LIMIT = 5_000;
/**
 * Everything Kefu holds about a customer (right of access, PIPL art. 45, GDPR art. 15 and 20):
 * profile and consents, contacts, complaints with their timelines, services, revisits, surveys.
 */
export const exportCustomer = async (deps: ExportDeps, id: string): Promise<CustomerExport> => {
  const customer = await getCustomer(deps, id);
  const [interactions, complaints, services, revisits, surveys] = await Promise.all([
    everyPage((page) => deps.customers.listInteractions(id, page), LIMIT),
    everyPage((page) => deps.complaints.list({ customerId: id }, page), LIMIT),
    everyPage((page) => deps.services.listForCustomer(id, page), LIMIT),
    deps.revisits.forCustomer(id, LIMIT),
    everyPage((page) => deps.surveys.listForCustomer(id, page), LIMIT),
  ]);
  return {
    exportedAt: deps.clock.now().toISOString(),
    customer,
    interactions,
    complaints: await Promise.all(
      complaints.map(async (complaint) => ({
        ...complaint,
        timeline: await deps.complaints.timeline(complaint.id),
      })),
    ),
    services,
    revisits,
    surveys,
  };
};
