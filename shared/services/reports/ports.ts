import type { Contribution } from '../../domain/reports/contributions';
import type { Counters } from '../../domain/reports/figures';
import type { Period } from '../../domain/reports/periods';
import type { Complaint } from '../../domain/complaints/complaint';
import type { Revisit } from '../../domain/revisits/revisit';
import type { ServiceRecord } from '../../domain/revisits/service-record';
import type { Survey } from '../../domain/surveys/survey';
import type { SliceKind } from '../../domain/reports/slices';
import type { Clock } from '../../domain/clock';
import type { OrganizationRepository } from '../organization/ports';

export interface PeriodCounters {
  total: Counters;
  /** Each dimension's values and each staff member credited in the period (`agent`). */
  byDimension: Record<SliceKind, Record<string, Counters>>;
  /** Hot-topic word counts by term item (`TERMS#<shard>`); empty unless asked for. */
  termSlices: Record<string, Counters>;
}

/** Pre-aggregated service-quality counters per period, kept from the table's stream. */
export interface AggregateStore {
  /** Applies the contributions of one source change once; false if it was applied before. */
  apply(changeId: string, contributions: Contribution[]): Promise<boolean>;
  /** Every counter of a period (one partition: the total, each dimension's values, each staff member). */
  read(period: Period, options?: { withTerms?: boolean }): Promise<PeriodCounters>;
  /** One slice (`ALL`, `DEPARTMENT#logistics`…) of several periods, in one batch read. */
  readSlice(periods: Period[], slice: string): Promise<Counters[]>;
  /** Sets one slice of a period to exactly these counters (a rebuild's repair). */
  replace(period: Period, slice: string, counters: Counters): Promise<void>;
}

/** The source records, read through indexes (never a scan), for rebuilding the counters. */
export interface SourceRecords {
  complaints(): AsyncIterable<Complaint>;
  surveys(): AsyncIterable<Survey>;
  services(): AsyncIterable<ServiceRecord>;
  revisits(): AsyncIterable<Revisit>;
}

export interface ReportDeps {
  aggregates: AggregateStore;
  organization: OrganizationRepository;
}

/** What reading a report needs: the counters, the organization (targets, staff) and the clock (today's month). */
export interface ReportReadDeps extends ReportDeps {
  clock: Clock;
}
