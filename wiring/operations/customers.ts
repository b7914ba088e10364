import { SCOPES } from '../names';
import { operationGroup } from './operation';
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
} from '../../shared/http/contracts/customers';
import {
  accessLogPage,
  accessLogQuery,
  customerExportSchema,
  eraseCustomerQuery,
  erasureSchema,
} from '../../shared/http/contracts/privacy';

/**
 * The operations of customers, their interactions and their privacy rights: route, scopes and contract of each, in one entry. The manifest, the
 * OpenAPI document and the handlers all read them.
 */
export const customerOperations = operationGroup(
  { tag: 'Customers', folder: 'customers' },
  {
    createCustomer: {
      method: 'POST',
      path: '/customers',
      file: 'create-customer',
      scopes: [SCOPES.customersWrite],
      summary: 'Add a customer to the archive',
      body: createCustomerBody,
      idempotent: true,
      responses: { 201: { description: 'Created', schema: customerSchema, etag: true } },
    },
    listCustomers: {
      method: 'GET',
      path: '/customers',
      file: 'list-customers',
      scopes: [SCOPES.customersRead],
      summary: 'List customers, or find one by exact email or phone',
      query: listCustomersQuery,
      responses: { 200: { description: 'A page of customers', schema: customerPage } },
    },
    getCustomer: {
      method: 'GET',
      path: '/customers/{customerId}',
      file: 'get-customer',
      scopes: [SCOPES.customersRead],
      summary: 'Read one customer (with its ETag)',
      params: customerPathParams,
      responses: { 200: { description: 'The customer', schema: customerSchema, etag: true } },
    },
    updateCustomer: {
      method: 'PATCH',
      path: '/customers/{customerId}',
      file: 'update-customer',
      scopes: [SCOPES.customersWrite],
      summary: 'Correct a customer (JSON merge patch, requires If-Match)',
      params: customerPathParams,
      body: updateCustomerBody,
      mediaTypes: ['application/merge-patch+json', 'application/json'],
      responses: {
        200: { description: 'The corrected customer', schema: customerSchema, etag: true },
      },
    },
    eraseCustomer: {
      method: 'DELETE',
      path: '/customers/{customerId}',
      file: 'erase-customer',
      scopes: [SCOPES.customersErase],
      summary: 'Erase a customer for good (crypto-shredding), keeping a tombstone',
      params: customerPathParams,
      query: eraseCustomerQuery,
      responses: {
        200: { description: 'Erased (again: the same tombstone)', schema: erasureSchema },
      },
    },
    exportCustomer: {
      method: 'GET',
      path: '/customers/{customerId}/export',
      file: 'export-customer',
      scopes: [SCOPES.customersRead],
      summary: 'Everything held about a customer, machine-readable (right of access)',
      params: customerPathParams,
      responses: {
        200: { description: 'Everything held about the customer', schema: customerExportSchema },
      },
    },
    getAccessLog: {
      method: 'GET',
      path: '/customers/{customerId}/access-log',
      file: 'get-access-log',
      scopes: [SCOPES.auditRead],
      summary: "Who read or changed the customer's personal data, newest first",
      params: customerPathParams,
      query: accessLogQuery,
      responses: { 200: { description: 'A page of access records', schema: accessLogPage } },
    },
    addInteraction: {
      method: 'POST',
      path: '/customers/{customerId}/interactions',
      file: 'add-interaction',
      scopes: [SCOPES.customersWrite],
      summary: 'Record a contact with the customer',
      params: customerPathParams,
      body: newInteractionBody,
      idempotent: true,
      responses: { 201: { description: 'Recorded', schema: interactionSchema } },
    },
    listInteractions: {
      method: 'GET',
      path: '/customers/{customerId}/interactions',
      file: 'list-interactions',
      scopes: [SCOPES.customersRead],
      summary: "The customer's contact records, newest first",
      params: customerPathParams,
      query: listInteractionsQuery,
      responses: { 200: { description: 'Newest first', schema: interactionPage } },
    },
    getCustomerTimeline: {
      method: 'GET',
      path: '/customers/{customerId}/timeline',
      file: 'get-customer-timeline',
      scopes: [SCOPES.customersRead],
      summary:
        "The customer's one timeline, newest first: contacts, complaint steps, emails, revisits, surveys",
      params: customerPathParams,
      query: timelineQuery,
      responses: { 200: { description: 'Newest first', schema: timelinePage } },
    },
  },
);
