import { scheduledJob } from '../../shared/messaging/scheduled-job';
import { reconcileComplaints } from '../../shared/services/complaints/reconciliation-service';
import { complaintDeps } from './complaint-deps';

/** EventBridge Scheduler, every 5 minutes: route or assign complaints the queues left behind. */
export const handler = scheduledJob('complaint reconciliation', () =>
  reconcileComplaints(complaintDeps()),
);
