import type { Operation } from '../../wiring/operations/operation';
import { type OperationRun, operationHandler } from './api-handler';
import { idempotentRequests, scopeIdempotencyKey } from './idempotency';

/**
 * The handler of a creating operation that honours `Idempotency-Key` (declared `idempotent: true`;
 * any other operation does not compile here, nor an idempotent one in `apiHandler`). Kept apart so
 * that only those functions bundle Powertools Idempotency and its JMESPath engine.
 */
export const idempotentApiHandler = <O extends Operation & { idempotent: true }>(
  operation: O,
  run: OperationRun<O>,
) =>
  operationHandler(operation, run, [
    scopeIdempotencyKey(operation.operationId),
    idempotentRequests(),
  ]);
