/**
 * Failures a use case reports in domain terms. The HTTP layer maps each kind to a status and a
 * problem type; queue consumers map them to "retry" or "drop".
 */
export type DomainErrorKind =
  | 'not-found'
  | 'duplicate'
  | 'stale-version'
  | 'rule-violated'
  /** Well-formed input that refers to something that does not exist (an unknown department). */
  | 'invalid-reference'
  /** It existed and was removed for good (an erased customer). */
  | 'gone';

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

/** A reference in the input (JSON pointer into the body) to something that does not exist. */
export const invalidReference = (pointer: string, message: string) =>
  new DomainError('invalid-reference', message, { errors: [{ pointer, detail: message }] });
