import type { Complaint } from '../../domain/complaints/complaint';
import { slaCalendarDepartment } from '../../domain/complaints/transfer';
import {
  complaintContribution,
  type Contribution,
  revisitContribution,
  serviceContribution,
  surveyContribution,
} from '../../domain/reports/contributions';
import type { Revisit } from '../../domain/revisits/revisit';
import type { ServiceRecord } from '../../domain/revisits/service-record';
import type { Survey } from '../../domain/surveys/survey';
import { businessCalendar } from '../complaints/calendar-source';
import type { ReportDeps } from './ports';

/** One change of a source item as the table's stream reports it (keys already removed). */
export interface SourceChange {
  changeId: string;
  entityType: string;
  previous: Record<string, unknown> | undefined;
  next: Record<string, unknown>;
}

/** Kept on the complaint since it was answered; computed on its calendar for older ones. */
const firstResponseBusinessMs = async (
  deps: ReportDeps,
  complaint: Complaint,
): Promise<number | undefined> => {
  if (!complaint.firstRespondedAt) return undefined;
  if (complaint.firstResponseBusinessMs !== undefined) return complaint.firstResponseBusinessMs;
  const calendar = await businessCalendar(deps.organization, slaCalendarDepartment(complaint));
  return calendar.businessTimeBetween(
    new Date(complaint.receivedAt),
    new Date(complaint.firstRespondedAt),
  ).ms;
};

export const contributionsOf = async (
  deps: ReportDeps,
  change: SourceChange,
): Promise<Contribution[]> => {
  switch (change.entityType) {
    case 'Complaint': {
      const next = change.next as unknown as Complaint;
      const previous = change.previous as unknown as Complaint | undefined;
      return complaintContribution(previous, next, await firstResponseBusinessMs(deps, next));
    }
    case 'Survey':
      return surveyContribution(
        change.previous as unknown as Survey | undefined,
        change.next as unknown as Survey,
      );
    case 'ServiceRecord':
      return change.previous ? [] : serviceContribution(change.next as unknown as ServiceRecord);
    case 'Revisit':
      return revisitContribution(
        change.previous as unknown as Revisit | undefined,
        change.next as unknown as Revisit,
      );
    default:
      return [];
  }
};

/** Adds what one source change means to the period counters, once per change. */
export const aggregateChange = async (
  deps: ReportDeps,
  change: SourceChange,
): Promise<'applied' | 'already-applied' | 'nothing-to-count'> => {
  const contributions = await contributionsOf(deps, change);
  if (contributions.length === 0) return 'nothing-to-count';
  return (await deps.aggregates.apply(change.changeId, contributions))
    ? 'applied'
    : 'already-applied';
};
