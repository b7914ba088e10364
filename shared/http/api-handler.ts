import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from '../zod';
import type { Operation } from '../../wiring/operations/operation';
import { systemClock } from '../adapters/clock';
import { DynamoAccessLog } from '../adapters/dynamodb/access-log';
import {
  DynamoClientRateLimiter,
  requestsPerMinute,
} from '../adapters/dynamodb/client-rate-limiter';
import { apiRequestIdOf, logger, withLogContext } from '../adapters/logger';
import { trackPersonalDataAccess } from '../adapters/privacy/access-tracking';
import { accessRecords } from './access-audit';
import { toProblem } from './error-mapping';
import { type Principal, principalFrom, requireScopes } from './principal';
import { problemResponse, problems } from './problem';
import { readJsonBody } from './request-body';
import { SECURITY_HEADERS } from './security-headers';
import { validate } from './validation';

export interface ApiRequest<Body, Query, Path> {
  body: Body;
  query: Query;
  path: Path;
  headers: Readonly<Record<string, string | undefined>>;
  principal: Principal;
  requestId: string;
}

export interface ApiResult {
  status: number;
  body?: unknown;
  /** A body that is not JSON (e.g. CSV), sent as is with the Content-Type in `headers`. */
  text?: string;
  headers?: Record<string, string>;
}

type Output<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
type Part<O, Key extends string> = O extends Record<Key, infer Schema> ? Output<Schema> : undefined;

/** What the handler of operation `O` receives: its body, query and path parameters, validated. */
export type RequestOf<O extends Operation> = ApiRequest<
  Part<O, 'body'>,
  Part<O, 'query'>,
  Part<O, 'params'>
>;

export type OperationRun<O extends Operation> = (request: RequestOf<O>) => Promise<ApiResult>;

let limiter: DynamoClientRateLimiter | undefined;
const clientLimiter = () => (limiter ??= new DynamoClientRateLimiter());

let log: DynamoAccessLog | undefined;
const accessLog = () => (log ??= new DynamoAccessLog());

const ANONYMOUS: Principal = {
  subject: 'anonymous',
  clientId: undefined,
  scopes: new Set(),
  role: 'integrator',
  department: undefined,
};

const toResponse = (result: ApiResult): APIGatewayProxyStructuredResultV2 =>
  result.text === undefined
    ? asJson(result)
    : {
        statusCode: result.status,
        headers: { ...SECURITY_HEADERS, ...result.headers },
        body: result.text,
      };

const asJson = (result: ApiResult): APIGatewayProxyStructuredResultV2 => ({
  statusCode: result.status,
  headers: {
    ...SECURITY_HEADERS,
    ...(result.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...result.headers,
  },
  ...(result.body === undefined ? {} : { body: JSON.stringify(result.body) }),
});

/**
 * The middy stack of every API handler: problem+json for every failure, security headers, scope
 * check (defence in depth behind the authorizer), idempotency, strict body/query/path validation.
 * The handler itself only calls a service and shapes the answer.
 */
export const operationHandler = <O extends Operation>(
  operation: O,
  run: OperationRun<O>,
  middlewares: readonly MiddlewareObj<APIGatewayProxyEventV2>[] = [],
) => {
  const { scopes } = operation;
  const core = async (
    event: APIGatewayProxyEventV2WithJWTAuthorizer,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const principal = scopes.length > 0 ? principalFrom(event) : ANONYMOUS;
    // Integrators (client-credentials tokens carry no role) are limited per client; staff are not.
    if (principal.role === 'integrator' && principal.clientId) {
      const wait = await clientLimiter().take(principal.clientId);
      if (wait > 0) throw problems.tooManyRequests(wait, requestsPerMinute());
    }
    const body = readJsonBody(event, operation.mediaTypes ?? ['application/json']);
    if (!operation.body && body !== undefined) {
      throw problems.validationFailed([{ pointer: '#', detail: 'this operation takes no body' }]);
    }
    const request = {
      body: operation.body ? validate(operation.body, 'body', body) : undefined,
      query: operation.query
        ? validate(operation.query, 'query', event.queryStringParameters ?? {})
        : undefined,
      path: operation.params
        ? validate(operation.params, 'path', event.pathParameters ?? {})
        : undefined,
      headers: event.headers,
      principal,
      requestId: event.requestContext.requestId,
    } as RequestOf<O>;
    const { result, access } = await trackPersonalDataAccess(() => run(request));
    if (scopes.length > 0) {
      // Recorded before answering: a response that shows personal data is never unaudited.
      await accessLog().record(
        accessRecords(
          access,
          { ...request, operationId: operation.operationId, scopes },
          systemClock.now().toISOString(),
        ),
      );
    }
    return toResponse(result);
  };

  const handler = middy<
    APIGatewayProxyEventV2WithJWTAuthorizer,
    APIGatewayProxyStructuredResultV2,
    Error,
    Context
  >(core)
    .use({
      onError: async (request) => {
        const problem = toProblem(request.error);
        const instance = request.event.requestContext?.requestId ?? 'unknown';
        if (!problem || problem.status >= 500) {
          logger.error('request failed', {
            operationId: operation.operationId,
            error: request.error as Error,
          });
        }
        request.response = problemResponse(problem ?? problems.internal(instance), instance);
      },
    })
    .use({
      before: ({ event }) => {
        if (scopes.length > 0) requireScopes(principalFrom(event), scopes);
      },
    });
  for (const middleware of middlewares) handler.use(middleware);
  return withLogContext(handler, apiRequestIdOf);
};

/** The handler of an operation that does not honour `Idempotency-Key` (most of them). */
export const apiHandler = <O extends Operation & { idempotent?: false }>(
  operation: O,
  run: OperationRun<O>,
) => operationHandler(operation, run);
