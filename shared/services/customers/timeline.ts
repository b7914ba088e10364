import type { Complaint, TimelineEntry } from '../../domain/complaints/complaint';
import type { Interaction } from '../../domain/customers/interaction';
import {
  type CustomerTimelineEntry,
  type SentMail,
  timelineOfComplaintStep,
  timelineOfInteraction,
  timelineOfRevisit,
  timelineOfSentMail,
  timelineOfSurvey,
  type TimelineKind,
} from '../../domain/customers/timeline';
import type { Page, PageRequest } from '../../domain/pagination';
import type { Revisit } from '../../domain/revisits/revisit';
import type { Survey } from '../../domain/surveys/survey';
import type { ComplaintRepository } from '../complaints/ports';
import type { CustomerServiceDeps, CustomerTimeline } from './ports';
import { getCustomer } from './customer-service';

export interface TimelineProjectionDeps {
  timeline: CustomerTimeline;
  complaints: Pick<ComplaintRepository, 'get'>;
}

/**
 * A new or changed record → its lines on the customer's timeline. Lines are keyed by the fact
 * they come from and written only if absent, so a redelivered, repeated or late (older) change
 * adds nothing: the projection is idempotent and indifferent to order.
 */
export const projectIntoTimeline = async (
  deps: TimelineProjectionDeps,
  entityType: string,
  record: Record<string, unknown>,
): Promise<number> => {
  let lines: CustomerTimelineEntry[];
  switch (entityType) {
    case 'Interaction':
      lines = timelineOfInteraction(record as unknown as Interaction);
      break;
    case 'TimelineEntry': {
      const step = record as unknown as TimelineEntry;
      const complaint: Complaint | undefined = await deps.complaints.get(step.complaintId);
      const line = complaint && timelineOfComplaintStep(step, complaint);
      lines = line ? [line] : [];
      break;
    }
    case 'Revisit':
      lines = timelineOfRevisit(record as unknown as Revisit);
      break;
    case 'Survey':
      lines = timelineOfSurvey(record as unknown as Survey);
      break;
    default:
      return 0;
  }
  await deps.timeline.record(lines);
  return lines.length;
};

/** An email that went to a customer: subject, time, which mail and what about — never the body. */
export const recordSentMail = (
  deps: { timeline: CustomerTimeline },
  mail: SentMail,
): Promise<void> => deps.timeline.record([timelineOfSentMail(mail)]);

/** The customer's timeline, newest first; 404 for an unknown customer, 410 for an erased one. */
export const listTimeline = async (
  deps: CustomerServiceDeps & { timeline: CustomerTimeline },
  customerId: string,
  kind: TimelineKind | undefined,
  page: PageRequest,
): Promise<Page<CustomerTimelineEntry>> => {
  await getCustomer(deps, customerId);
  return deps.timeline.list(customerId, kind, page);
};
