import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENVIRONMENT, requiredVariable } from '../environment';

let client: DynamoDBDocumentClient | undefined;

/**
 * One client per execution environment, created on first use. Endpoints for the local stack come
 * from the SDK's own `AWS_ENDPOINT_URL_DYNAMODB` variable, so this code is the same everywhere.
 */
export const documentClient = (): DynamoDBDocumentClient => {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return client;
};

export const tableName = (): string => {
  return requiredVariable(ENVIRONMENT.table);
};
