import { logger } from '../../shared/adapters/logger';
import { markDueRevisits } from '../../shared/services/revisits/due-sweep';
import { revisitDeps } from './revisit-deps';

/** EventBridge Scheduler, every 15 minutes: planned revisits whose time came become due. */
export const handler = async () => {
  const result = await markDueRevisits(revisitDeps());
  logger.info('revisits due', { ...result });
  return result;
};
