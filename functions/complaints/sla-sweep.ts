import { logger } from '../../shared/adapters/logger';
import { withBusinessMetrics } from '../../shared/adapters/metrics';
import { sweepSla } from '../../shared/services/complaints/sla-sweep-service';
import { meteredComplaintDeps } from './complaint-deps';

/**
 * EventBridge Scheduler, every 5 minutes: raise SLA warnings, breaches and escalations (counted
 * as SlaWarnings, SlaBreaches and ComplaintEscalations as each complaint's write succeeds).
 */
export const handler = withBusinessMetrics(
  async (): Promise<{ checked: number; raised: number }> => {
    const result = await sweepSla(meteredComplaintDeps());
    logger.info('sla sweep', { ...result });
    return result;
  },
);
