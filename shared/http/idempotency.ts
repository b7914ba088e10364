import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { problems } from './problem';

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

/** Same key and body → the first response; same key, other body → 422 (Powertools). */
export const idempotentRequests = () => {
  persistenceStore ??= new DynamoDBPersistenceLayer({
    tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? 'idempotency',
    awsSdkV3Client: new DynamoDBClient({}),
  });
  return makeHandlerIdempotent({
    persistenceStore,
    config: new IdempotencyConfig({
      eventKeyJmesPath: `headers."${HEADER}"`,
      payloadValidationJmesPath: 'body',
      throwOnNoIdempotencyKey: false,
      expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS,
    }),
  });
};
