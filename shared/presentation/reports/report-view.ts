import type {
  AgentFigures,
  AgentRanking,
  ServiceQualityFigures,
} from '../../domain/reports/figures';
import type { PeriodKind } from '../../domain/reports/periods';
import type { Assessment } from '../../domain/reports/targets';

/**
 * What the renderers read of a service-quality report. It has the shape of `ServiceQualityReport`
 * (shared/services/reports/service-quality.ts), which the domain may not import: pass that report
 * as it is.
 */
export interface ServiceQualityReportView {
  period: string;
  kind: PeriodKind;
  previousPeriod: string;
  timeZone?: string | undefined;
  filter: {
    department?: string | undefined;
    category?: string | undefined;
    channel?: string | undefined;
    agent?: string | undefined;
  };
  figures: ServiceQualityFigures;
  previous: ServiceQualityFigures;
  byDepartment: Readonly<Record<string, ServiceQualityFigures>>;
  complaintsByCategory: Readonly<Record<string, number>>;
  complaintsByChannel: Readonly<Record<string, number>>;
  assessments: readonly Assessment[];
  departmentsFurthestFromTarget: readonly {
    department: string;
    missed: number;
    assessments: readonly Assessment[];
  }[];
  /** The staff member the report was narrowed to (`agent=`). */
  agent?: {
    agentId: string;
    name: string;
    department: string;
    figures: AgentFigures;
    previous: AgentFigures;
  };
  /** Staff members ranked per figure among the departments the reader may see. */
  agents: { departments: readonly string[]; ranking: readonly AgentRanking[] };
  /** Oldest first, this period last. */
  trend: readonly { period: string; figures: ServiceQualityFigures }[];
  hotTopics: {
    terms: readonly { topic: string; count: number; previous: number }[];
    categories: readonly { topic: string; count: number; previous: number }[];
  };
}
