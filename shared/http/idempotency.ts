import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { problems } from './problem';
import { ENVIRONMENT, requiredVariable } from '../adapters/environment';

const HEADER = 'idempotency-key';
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
/** How long a retry with the same key returns the first answer. */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 3600;

/**
 * Keys are namespaced by caller and operation before Powertools hashes them, so that one
 * integrator's key can never replay another's response, nor one endpoint's answer another's.
 */
export const scopeIdempotencyKey = (
  operationId: string,
): MiddlewareObj<APIGatewayProxyEventV2> => ({
  before: ({ event }) => {
    const key = event.headers[HEADER];
    if (key === undefined) return;
    if (!KEY_SHAPE.test(key)) {
      throw problems.validationFailed([
        { header: 'Idempotency-Key', detail: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const claims = (
      event.requestContext as { authorizer?: { jwt?: { claims?: { sub?: unknown } } } }
    ).authorizer?.jwt?.claims;
    event.headers[HEADER] = `${String(claims?.sub)}|${operationId}|${key}`;
  },
});

let persistenceStore: DynamoDBPersistenceLayer | undefined;

const REJECTED_BEFORE_RUNNING = 'kefu.idempotency.rejected';

/**
 * Same key and body → the first response; same key, other body → 422 (Powertools).
 * Powertools' onError deletes the in-progress record even when its own `before` refused the
 * request (key in progress or reused); that would let a third parallel retry run the handler a
 * second time. Requests refused before running therefore skip that cleanup.
 */
export const idempotentRequests = (): MiddlewareObj<APIGatewayProxyEventV2> => {
  persistenceStore ??= new DynamoDBPersistenceLayer({
    tableName: requiredVariable(ENVIRONMENT.idempotencyTable),
    awsSdkV3Client: new DynamoDBClient({}),
  });
  const powertools = makeHandlerIdempotent({
    persistenceStore,
    config: new IdempotencyConfig({
      eventKeyJmesPath: `headers."${HEADER}"`,
      payloadValidationJmesPath: 'body',
      throwOnNoIdempotencyKey: false,
      expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS,
    }),
  }) as MiddlewareObj<APIGatewayProxyEventV2>;
  return {
    before: async (request) => {
      try {
        return await powertools.before?.(request);
      } catch (error) {
        (request.internal as Record<string, unknown>)[REJECTED_BEFORE_RUNNING] = true;
        throw error;
      }
    },
    after: (request) => powertools.after?.(request),
    onError: async (request) => {
      if ((request.internal as Record<string, unknown>)[REJECTED_BEFORE_RUNNING]) return;
      return powertools.onError?.(request);
    },
  };
};
