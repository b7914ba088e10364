/**
 * Failures a use case reports in domain terms. The HTTP layer maps each kind to a status and a
 * problem type; queue consumers map them to "retry" or "drop".
 */
export type DomainErrorKind = 'not-found' | 'duplicate' | 'stale-version' | 'rule-violated';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('not-found', `${what} ${id} does not exist.`, { id });
