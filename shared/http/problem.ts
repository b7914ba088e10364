import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SECURITY_HEADERS } from './security-headers';

/** One offending input, located the RFC 9457 way (JSON pointer into the body, or a parameter). */
export interface FieldError {
  detail: string;
  pointer?: string;
  parameter?: string;
  header?: string;
}

/**
 * An RFC 9457 problem. `type` is stable per kind of failure; docs/PROBLEMS.md lists them all.
 * Anything thrown that is not an HttpProblem is answered as a generic 500 without its details.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  get type(): string {
    return `/problems/${this.slug}`;
  }
}

export const problems = {
  malformedJson: (detail: string) =>
    new HttpProblem(400, 'malformed-json', 'The request body is not valid JSON', detail),
  validationFailed: (errors: FieldError[]) =>
    new HttpProblem(
      400,
      'validation-failed',
      'The request is not valid',
      errors.map((error) => error.detail).join('; '),
      { errors },
    ),
  invalidCursor: () =>
    new HttpProblem(
      400,
      'invalid-cursor',
      'The cursor is not valid',
      'Use the nextCursor of a previous page of the same list, unchanged.',
      { errors: [{ parameter: 'cursor', detail: 'not a cursor issued for this list' }] },
    ),
  unauthorized: (detail: string) =>
    new HttpProblem(
      401,
      'unauthorized',
      'Authentication is required',
      detail,
      {},
      {
        'WWW-Authenticate': 'Bearer',
      },
    ),
  forbidden: (missingScopes: readonly string[]) =>
    new HttpProblem(
      403,
      'insufficient-scope',
      'The token does not allow this operation',
      `Missing scope(s): ${missingScopes.join(' ')}`,
      { missingScopes },
      {
        'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${missingScopes.join(' ')}"`,
      },
    ),
  /** A genuine token whose caller Kefu does not know: no integrator client, no usable role. */
  notPermitted: (detail: string) =>
    new HttpProblem(403, 'caller-not-permitted', 'The caller is not permitted', detail),
  notFound: (detail: string) => new HttpProblem(404, 'not-found', 'Not found', detail),
  gone: (detail: string, extras: Record<string, unknown> = {}) =>
    new HttpProblem(410, 'gone', 'Gone for good', detail, extras),
  conflict: (detail: string, extensions: Record<string, unknown> = {}) =>
    new HttpProblem(409, 'duplicate', 'It already exists', detail, extensions),
  requestInProgress: () =>
    new HttpProblem(
      409,
      'request-in-progress',
      'The same request is still being processed',
      'A request with this Idempotency-Key is in progress; retry it shortly to get its result.',
      {},
      { 'Retry-After': '1' },
    ),
  preconditionFailed: (detail: string) =>
    new HttpProblem(412, 'stale-version', 'The resource was changed by someone else', detail),
  preconditionRequired: () =>
    new HttpProblem(
      428,
      'if-match-required',
      'If-Match is required',
      'Send the ETag of the version you read as If-Match, so that no change is lost.',
      { errors: [{ header: 'If-Match', detail: 'missing' }] },
    ),
  payloadTooLarge: (limitBytes: number) =>
    new HttpProblem(
      413,
      'payload-too-large',
      'The request body is too large',
      `Bodies are limited to ${limitBytes} bytes.`,
      { limitBytes },
    ),
  unsupportedMediaType: (accepted: readonly string[]) =>
    new HttpProblem(
      415,
      'unsupported-media-type',
      'Unsupported Content-Type',
      `Send the body as ${accepted.join(' or ')}.`,
      { accepted },
      { 'Accept-Patch': accepted.join(', ') },
    ),
  idempotencyKeyReused: () =>
    new HttpProblem(
      422,
      'idempotency-key-reused',
      'The Idempotency-Key was used with a different request',
      'Use a new Idempotency-Key for a different request body.',
    ),
  ruleViolated: (detail: string, extensions: Record<string, unknown> = {}) =>
    new HttpProblem(422, 'rule-violated', 'The request breaks a business rule', detail, extensions),
  tooManyRequests: (retryAfterSeconds: number, limit: number) =>
    new HttpProblem(
      429,
      'too-many-requests',
      'Too many requests from this client',
      `This client may make ${limit} requests a minute. Nothing was changed; retry after the given delay.`,
      { limit },
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  serviceUnavailable: () =>
    new HttpProblem(
      503,
      'temporarily-unavailable',
      'The service is briefly overloaded',
      'Nothing was changed. Retry after the given delay.',
      {},
      { 'Retry-After': '2' },
    ),
  internal: (requestId: string) =>
    new HttpProblem(
      500,
      'internal-error',
      'Something went wrong on our side',
      `Quote request id ${requestId} when reporting this.`,
    ),
};

export const problemResponse = (
  problem: HttpProblem,
  instance: string,
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/problem+json',
    ...problem.headers,
  },
  // Extensions come first so that they can never overwrite the members RFC 9457 defines.
  body: JSON.stringify({
    ...problem.extensions,
    type: problem.type,
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance,
  }),
});
