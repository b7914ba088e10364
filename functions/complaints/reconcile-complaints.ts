import { logger } from '../../shared/adapters/logger';
import { reconcileComplaints } from '../../shared/services/complaints/reconciliation-service';
import { complaintDeps } from './complaint-deps';

/** EventBridge Scheduler, every 5 minutes: route or assign complaints the queues left behind. */
export const handler = async () => {
  const result = await reconcileComplaints(complaintDeps());
  logger.info('complaint reconciliation', { ...result });
  return result;
};
