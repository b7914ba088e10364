import { customerPathParams } from './customers';
import {
  customerServicesQuery,
  listRevisitsQuery,
  newRevisitBody,
  newServiceBody,
  outcomeBody,
  revisitComplaintBody,
  revisitComplaintSchema,
  revisitPage,
  revisitPathParams,
  revisitSchema,
  servicePage,
  serviceSchema,
} from './revisits';
import type { OperationContract } from './operation-contract';

/**
 * The contracts of services and revisits: handlers validate with them, the OpenAPI
 * document lists them.
 */
export const revisitOperations = {
  recordService: {
    operationId: 'recordService',
    body: newServiceBody,
    idempotent: true,
    responses: { 201: { description: 'Recorded; revisits are planned', schema: serviceSchema } },
  },
  listCustomerServices: {
    operationId: 'listCustomerServices',
    path: customerPathParams,
    query: customerServicesQuery,
    responses: { 200: { description: 'Newest first', schema: servicePage } },
  },
  listRevisits: {
    operationId: 'listRevisits',
    query: listRevisitsQuery,
    responses: { 200: { description: 'The worklist', schema: revisitPage } },
  },
  getRevisit: {
    operationId: 'getRevisit',
    path: revisitPathParams,
    responses: { 200: { description: 'The revisit', schema: revisitSchema } },
  },
  recordRevisitOutcome: {
    operationId: 'recordRevisitOutcome',
    path: revisitPathParams,
    body: outcomeBody,
    responses: { 200: { description: 'Recorded', schema: revisitSchema } },
  },
  openComplaintFromRevisit: {
    operationId: 'openComplaintFromRevisit',
    path: revisitPathParams,
    body: revisitComplaintBody,
    responses: {
      200: { description: 'Already opened', schema: revisitComplaintSchema },
      201: { description: 'Opened', schema: revisitComplaintSchema },
    },
  },
  planRevisit: {
    operationId: 'planRevisit',
    body: newRevisitBody,
    idempotent: true,
    responses: { 201: { description: 'Planned', schema: revisitSchema } },
  },
} as const satisfies Record<string, OperationContract>;
