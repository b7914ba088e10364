import { logger, withLogContext } from '../adapters/logger';

/**
 * An EventBridge Scheduler target: runs one sweep or batch and logs its counts under `name`, with
 * the invocation's context. The counts are returned too (the local `/_local/schedules` run and the
 * tests read them).
 */
export const scheduledJob = <Result extends object>(name: string, run: () => Promise<Result>) =>
  withLogContext(async (): Promise<Result> => {
    const result = await run();
    logger.info(name, { ...(result as Record<string, unknown>) });
    return result;
  });
