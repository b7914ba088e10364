import { scheduledJob } from '../../shared/messaging/scheduled-job';
import { markDueRevisits } from '../../shared/services/revisits/due-sweep';
import { revisitDeps } from './revisit-deps';

/** EventBridge Scheduler, every 15 minutes: planned revisits whose time came become due. */
export const handler = scheduledJob('revisits due', () => markDueRevisits(revisitDeps()));
