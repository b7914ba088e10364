import { DomainError } from '../domain/errors';
import { HttpProblem, problems } from './problem';

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'InternalServerError',
  'ServiceUnavailable',
]);

const causes = function* (error: unknown): Generator<unknown> {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    yield current;
    current = current instanceof Error ? current.cause : undefined;
  }
};

const fromDomain = (error: DomainError): HttpProblem => {
  switch (error.kind) {
    case 'not-found':
      return problems.notFound(error.message);
    case 'duplicate':
      return problems.conflict(error.message, error.details);
    case 'stale-version':
      return problems.preconditionFailed(error.message);
    case 'rule-violated':
      return problems.ruleViolated(error.message, error.details);
    case 'gone':
      return problems.gone(error.message, error.details);
    case 'invalid-reference':
      return problems.validationFailed(
        (error.details.errors as { pointer: string; detail: string }[] | undefined) ?? [
          { detail: error.message },
        ],
      );
  }
};

/** Turns anything thrown while serving a request into the problem to answer, or undefined for a 500. */
export const toProblem = (error: unknown): HttpProblem | undefined => {
  for (const cause of causes(error)) {
    if (cause instanceof HttpProblem) return cause;
    if (cause instanceof DomainError) return fromDomain(cause);
    // By name, so that functions without idempotent operations do not bundle Powertools Idempotency.
    if (cause instanceof Error && cause.name === 'IdempotencyValidationError') {
      return problems.idempotencyKeyReused();
    }
    if (cause instanceof Error && cause.name === 'IdempotencyAlreadyInProgressError') {
      return problems.requestInProgress();
    }
    if (cause instanceof Error && THROTTLING.has(cause.name)) return problems.serviceUnavailable();
  }
  return undefined;
};
