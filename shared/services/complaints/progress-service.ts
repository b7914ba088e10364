import type { Complaint } from '../../domain/complaints/complaint';
import { progressView, type ProgressView } from '../../domain/complaints/progress';
import type { Language } from '../../domain/customers/customer';
import type { ComplaintLinks, ComplaintServiceDeps } from './ports';
import { businessCalendar } from './calendar-source';
import { slaCalendarDepartment } from '../../domain/complaints/transfer';

export interface ProgressDeps extends ComplaintServiceDeps {
  links: ComplaintLinks;
}

export type OpenedProgress =
  | {
      ok: true;
      complaint: Complaint;
      language: Language;
      /** The department calendar's zone, in which the page writes times. */
      timeZone: string;
      view: ProgressView;
    }
  | { ok: false };

/**
 * The complaint a progress link names, as its customer may see it. A forged, expired or unknown
 * link, and the link of an erased customer, all read alike: there is nothing to show.
 */
export const openProgress = async (deps: ProgressDeps, token: string): Promise<OpenedProgress> => {
  const complaintId = await deps.links.complaintOfToken(token, deps.clock.now());
  if (!complaintId) return { ok: false };
  const complaint = await deps.complaints.get(complaintId);
  const customer = complaint && (await deps.customers.get(complaint.customerId));
  if (!complaint || !customer) return { ok: false };
  const [timeline, calendar] = await Promise.all([
    deps.complaints.timeline(complaintId),
    businessCalendar(deps.organization, slaCalendarDepartment(complaint)),
  ]);
  return {
    ok: true,
    complaint,
    language: customer.preferredLanguage,
    timeZone: calendar.timeZone,
    view: progressView(complaint, timeline),
  };
};
