import { apiHandler } from './api-handler';
import { idempotentRequests, scopeIdempotencyKey } from './idempotency';

/**
 * `apiHandler` for the creating operations that honour `Idempotency-Key`. Kept apart so that only
 * those functions bundle Powertools Idempotency and its JMESPath engine.
 */
export const idempotentApiHandler: typeof apiHandler = (spec, run) =>
  apiHandler(spec, run, (operationId) => [scopeIdempotencyKey(operationId), idempotentRequests()]);
