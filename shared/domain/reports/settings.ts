import { DEFAULT_TARGETS, type Targets } from './targets';

/** Who gets the scheduled management reports, and the targets figures are judged against. */
export interface ReportSettings {
  recipients: string[];
  monthly: boolean;
  quarterly: boolean;
  targets: Targets;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  recipients: [],
  monthly: true,
  quarterly: true,
  targets: DEFAULT_TARGETS,
};
