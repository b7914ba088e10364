import { scheduledJob } from '../../shared/messaging/scheduled-job';
import { sweepAutoClose } from '../../shared/services/complaints/customer-voice-service';
import { complaintDeps } from './complaint-deps';

/**
 * EventBridge Scheduler, every 15 minutes: resolved complaints whose customer did not answer the
 * result within the policy's days close, once each (ComplaintAutoClosed + ComplaintClosed).
 */
export const handler = scheduledJob('auto-close sweep', () => sweepAutoClose(complaintDeps()));
