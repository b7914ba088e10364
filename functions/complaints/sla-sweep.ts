import { withBusinessMetrics } from '../../shared/adapters/metrics';
import { scheduledJob } from '../../shared/messaging/scheduled-job';
import { sweepSla } from '../../shared/services/complaints/sla-sweep-service';
import { meteredComplaintDeps } from './complaint-deps';

/**
 * EventBridge Scheduler, every 5 minutes: raise SLA warnings, breaches and escalations (counted
 * as SlaWarnings, SlaBreaches and ComplaintEscalations as each complaint's write succeeds).
 */
export const handler = withBusinessMetrics(
  scheduledJob('sla sweep', () => sweepSla(meteredComplaintDeps())),
);
