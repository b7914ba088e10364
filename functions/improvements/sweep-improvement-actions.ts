import { scheduledJob } from '../../shared/messaging/scheduled-job';
import { sweepImprovementActions } from '../../shared/services/improvements/due-sweep';
import { improvementDeps } from './improvement-deps';

/** Every 15 minutes: reminders, escalations and evaluations of improvement actions that are due. */
export const handler = scheduledJob('improvement actions due', () =>
  sweepImprovementActions(improvementDeps()),
);
