import * as z from '../../zod';
import {
  createCustomerBody,
  customerPage,
  customerPathParams,
  customerSchema,
  interactionPage,
  interactionSchema,
  listCustomersQuery,
  listInteractionsQuery,
  newInteractionBody,
  updateCustomerBody,
} from './customers';

export interface OperationContract {
  operationId: string;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  path?: z.ZodMiniType;
  /** Media types accepted for the body; JSON unless said otherwise. */
  mediaTypes?: string[];
  /** Creating operations honour `Idempotency-Key`. */
  idempotent?: boolean;
  /** Success status → response body schema (documentation; the handler builds the body). */
  responses: Record<number, { description: string; schema?: z.ZodMiniType; etag?: boolean }>;
}

const openApiDocument = z
  .record(z.string(), z.unknown())
  .register(z.globalRegistry, { id: 'OpenApiDocument' });

/**
 * Every API operation's request and response contract, keyed by the manifest's operationId.
 * Handlers validate with these schemas and the OpenAPI document is generated from them.
 */
export const operations = {
  createCustomer: {
    operationId: 'createCustomer',
    body: createCustomerBody,
    idempotent: true,
    responses: { 201: { description: 'Created', schema: customerSchema, etag: true } },
  },
  listCustomers: {
    operationId: 'listCustomers',
    query: listCustomersQuery,
    responses: { 200: { description: 'A page of customers', schema: customerPage } },
  },
  getCustomer: {
    operationId: 'getCustomer',
    path: customerPathParams,
    responses: { 200: { description: 'The customer', schema: customerSchema, etag: true } },
  },
  updateCustomer: {
    operationId: 'updateCustomer',
    path: customerPathParams,
    body: updateCustomerBody,
    mediaTypes: ['application/merge-patch+json', 'application/json'],
    responses: {
      200: { description: 'The corrected customer', schema: customerSchema, etag: true },
    },
  },
  addInteraction: {
    operationId: 'addInteraction',
    path: customerPathParams,
    body: newInteractionBody,
    idempotent: true,
    responses: { 201: { description: 'Recorded', schema: interactionSchema } },
  },
  listInteractions: {
    operationId: 'listInteractions',
    path: customerPathParams,
    query: listInteractionsQuery,
    responses: { 200: { description: 'Newest first', schema: interactionPage } },
  },
  getOpenApi: {
    operationId: 'getOpenApi',
    responses: { 200: { description: 'OpenAPI 3.1 document', schema: openApiDocument } },
  },
} as const satisfies Record<string, OperationContract>;
