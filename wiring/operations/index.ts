import { complaintOperations } from './complaints';
import { customerOperations } from './customers';
import { improvementOperations } from './improvements';
import { openApiOperations } from './openapi';
import type { Operation } from './operation';
import { organizationOperations } from './organization';
import { privacyNoticeOperations } from './privacy-notices';
import { reportOperations } from './reports';
import { revisitOperations } from './revisits';
import { surveyOperations } from './surveys';
import { webhookOperations } from './webhooks';

export type { Operation, OperationSpec, ResponseSpec } from './operation';

/**
 * Every API operation, by operationId. Handlers import their own capability's module instead (so a
 * function bundles only the schemas it uses); the manifest, the OpenAPI document and the tests
 * take them all from here.
 */
export const operations = {
  ...customerOperations,
  ...privacyNoticeOperations,
  ...complaintOperations,
  ...organizationOperations,
  ...revisitOperations,
  ...surveyOperations,
  ...reportOperations,
  ...improvementOperations,
  ...webhookOperations,
  ...openApiOperations,
};

/** The operations in the order the API document lists them. */
export const operationList: readonly Operation[] = Object.values(operations);
