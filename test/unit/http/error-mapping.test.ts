import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors';
import { toProblem } from '../../../shared/http/error-mapping';

describe('toProblem', () => {
  it.each([
    [new DomainError('not-found', 'x'), 404, 'not-found'],
    [new DomainError('duplicate', 'x', { existingId: 'C1' }), 409, 'duplicate'],
    [new DomainError('stale-version', 'x'), 412, 'stale-version'],
    [new DomainError('rule-violated', 'x'), 422, 'rule-violated'],
    [new IdempotencyValidationError('x'), 422, 'idempotency-key-reused'],
    [new IdempotencyAlreadyInProgressError('x'), 409, 'request-in-progress'],
    [
      Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' }),
      503,
      'temporarily-unavailable',
    ],
    [new Error('wrapper', { cause: new DomainError('not-found', 'inner') }), 404, 'not-found'],
  ])('maps %s to %i', (error, status, slug) => {
    expect(toProblem(error)).toMatchObject({ status, slug });
  });

  it('keeps the existing id of a duplicate for the client', () => {
    expect(
      toProblem(new DomainError('duplicate', 'x', { existingId: 'C1' }))?.extensions,
    ).toMatchObject({ existingId: 'C1' });
  });

  it('leaves unknown failures to the generic 500, which says nothing of them', () => {
    expect(toProblem(new TypeError('secret internals'))).toBeUndefined();
  });

  it('sends Retry-After with a throttling answer', () => {
    expect(
      toProblem(Object.assign(new Error(), { name: 'ThrottlingException' }))?.headers,
    ).toMatchObject({ 'Retry-After': '2' });
  });
});
