import { logger } from '../../shared/adapters/logger';
import { sweepSla } from '../../shared/services/complaints/sla-sweep-service';
import { complaintDeps } from './complaint-deps';

/** EventBridge Scheduler, every 5 minutes: raise SLA warnings, breaches and escalations. */
export const handler = async (): Promise<{ checked: number; raised: number }> => {
  const result = await sweepSla(complaintDeps());
  logger.info('sla sweep', { ...result });
  return result;
};
