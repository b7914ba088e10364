import { customerOperations } from './customers-operations';
import { complaintOperations } from './complaints-operations';
import { organizationOperations } from './organization-operations';
import { revisitOperations } from './revisits-operations';
import { surveyOperations } from './surveys-operations';
import { reportOperations } from './reports-operations';
import { openApiOperations } from './openapi-operations';
import { webhookOperations } from './webhooks-operations';

export type { OperationContract } from './operation-contract';

/**
 * Every API operation's request and response contract, keyed by the manifest's operationId.
 * Handlers import their own area's contracts (so a function bundles only the schemas it uses); the
 * OpenAPI document and the tests take them all from here.
 */
export const operations = {
  ...customerOperations,
  ...complaintOperations,
  ...organizationOperations,
  ...revisitOperations,
  ...surveyOperations,
  ...reportOperations,
  ...webhookOperations,
  ...openApiOperations,
};
