import type { Complaint, TimelineEntry } from '../../domain/complaints/complaint';
import type { Customer } from '../../domain/customers/customer';
import type { Interaction } from '../../domain/customers/interaction';
import type { NoticeVersion } from '../../domain/customers/privacy-notice';
import type { Revisit } from '../../domain/revisits/revisit';
import type { ServiceRecord } from '../../domain/revisits/service-record';
import type { Survey } from '../../domain/surveys/survey';
import type { ComplaintRepository } from '../complaints/ports';
import type { RevisitRepository, ServiceRecordRepository } from '../revisits/ports';
import type { SurveyRepository } from '../surveys/ports';
import { everyPage } from '../every-page';
import { getCustomer } from './customer-service';
import type { CustomerServiceDeps, PrivacyNoticeRepository } from './ports';

export interface ExportDeps extends CustomerServiceDeps {
  notices: PrivacyNoticeRepository;
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
  /** Each notice version a consent names, in full: what the customer was told. */
  privacyNotices: NoticeVersion[];
}

/** Records per kind at most; a customer with more is an integration gone wrong, not a person. */
const LIMIT = 5_000;
/**
 * Everything Kefu holds about a customer (right of access, PIPL art. 45, GDPR art. 15 and 20):
 * profile and consents (with the privacy notice versions they were given to, in full), contacts,
 * complaints with their timelines, services, revisits, surveys.
 */
export const exportCustomer = async (deps: ExportDeps, id: string): Promise<CustomerExport> => {
  const customer = await getCustomer(deps, id);
  const named = new Map(
    Object.values(customer.consents).flatMap((consent) =>
      consent.noticeVersion
        ? [
            [
              `${consent.noticeVersion.noticeId}#${consent.noticeVersion.version}`,
              consent.noticeVersion,
            ] as const,
          ]
        : [],
    ),
  );
  const [interactions, complaints, services, revisits, surveys, privacyNotices] = await Promise.all(
    [
      everyPage((page) => deps.customers.listInteractions(id, page), LIMIT),
      everyPage((page) => deps.complaints.list({ customerId: id }, page), LIMIT),
      everyPage((page) => deps.services.listForCustomer(id, page), LIMIT),
      deps.revisits.forCustomer(id, LIMIT),
      everyPage((page) => deps.surveys.listForCustomer(id, page), LIMIT),
      Promise.all(
        [...named.values()].map((ref) => deps.notices.getVersion(ref.noticeId, ref.version)),
      ),
    ],
  );
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
    privacyNotices: privacyNotices.filter((version) => version !== undefined),
  };
};
