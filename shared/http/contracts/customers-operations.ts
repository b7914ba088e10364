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
  timelinePage,
  timelineQuery,
  updateCustomerBody,
} from './customers';
import {
  accessLogPage,
  accessLogQuery,
  customerExportSchema,
  eraseCustomerQuery,
  erasureSchema,
} from './privacy';
import type { OperationContract } from './operation-contract';

/**
 * The contracts of customers, their interactions and their privacy rights: handlers validate with them, the OpenAPI
 * document lists them.
 */
export const customerOperations = {
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
  eraseCustomer: {
    operationId: 'eraseCustomer',
    path: customerPathParams,
    query: eraseCustomerQuery,
    responses: {
      200: { description: 'Erased (again: the same tombstone)', schema: erasureSchema },
    },
  },
  exportCustomer: {
    operationId: 'exportCustomer',
    path: customerPathParams,
    responses: {
      200: { description: 'Everything held about the customer', schema: customerExportSchema },
    },
  },
  getAccessLog: {
    operationId: 'getAccessLog',
    path: customerPathParams,
    query: accessLogQuery,
    responses: { 200: { description: 'A page of access records', schema: accessLogPage } },
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
  getCustomerTimeline: {
    operationId: 'getCustomerTimeline',
    path: customerPathParams,
    query: timelineQuery,
    responses: { 200: { description: 'Newest first', schema: timelinePage } },
  },
} as const satisfies Record<string, OperationContract>;
