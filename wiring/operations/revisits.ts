import { SCOPES } from '../names';
import { operationGroup } from './operation';
import { customerPathParams } from '../../shared/http/contracts/customers';
import {
  assignRevisitBody,
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
} from '../../shared/http/contracts/revisits';

/**
 * The operations of services and revisits: route, scopes and contract of each, in one entry. The manifest, the
 * OpenAPI document and the handlers all read them.
 */
export const revisitOperations = operationGroup(
  { tag: 'Revisits', folder: 'revisits' },
  {
    recordService: {
      method: 'POST',
      path: '/services',
      file: 'record-service',
      scopes: [SCOPES.customersWrite],
      summary: 'Record a completed service (plans its revisits)',
      body: newServiceBody,
      idempotent: true,
      responses: { 201: { description: 'Recorded; revisits are planned', schema: serviceSchema } },
    },
    listCustomerServices: {
      method: 'GET',
      path: '/customers/{customerId}/services',
      file: 'list-customer-services',
      scopes: [SCOPES.customersRead],
      summary: "The customer's services, newest first",
      params: customerPathParams,
      query: customerServicesQuery,
      responses: { 200: { description: 'Newest first', schema: servicePage } },
    },
    listRevisits: {
      method: 'GET',
      path: '/revisits',
      file: 'list-revisits',
      scopes: [SCOPES.revisitsRead],
      summary: "An agent's or department's revisit worklist",
      query: listRevisitsQuery,
      responses: { 200: { description: 'The worklist', schema: revisitPage } },
    },
    getRevisit: {
      method: 'GET',
      path: '/revisits/{revisitId}',
      file: 'get-revisit',
      scopes: [SCOPES.revisitsRead],
      summary: 'One revisit with its attempts',
      params: revisitPathParams,
      responses: { 200: { description: 'The revisit', schema: revisitSchema } },
    },
    recordRevisitOutcome: {
      method: 'POST',
      path: '/revisits/{revisitId}/outcome',
      file: 'record-revisit-outcome',
      scopes: [SCOPES.revisitsWrite],
      summary: 'Record a contact attempt: reached (with score) or not',
      params: revisitPathParams,
      body: outcomeBody,
      responses: { 200: { description: 'Recorded', schema: revisitSchema } },
    },
    assignRevisit: {
      method: 'POST',
      path: '/revisits/{revisitId}/assign',
      file: 'assign-revisit',
      scopes: [SCOPES.revisitsWrite],
      summary:
        'Claim a revisit of your department nobody has taken, or (supervisors) give one to an on-duty member of its department',
      params: revisitPathParams,
      body: assignRevisitBody,
      responses: { 200: { description: 'Assigned (or already yours)', schema: revisitSchema } },
    },
    openComplaintFromRevisit: {
      method: 'POST',
      path: '/revisits/{revisitId}/complaint',
      file: 'open-complaint-from-revisit',
      scopes: [SCOPES.revisitsWrite, SCOPES.complaintsWrite],
      summary: 'Open a complaint for an issue found on the revisit (linked both ways)',
      params: revisitPathParams,
      body: revisitComplaintBody,
      responses: {
        200: { description: 'Already opened', schema: revisitComplaintSchema },
        201: { description: 'Opened', schema: revisitComplaintSchema },
      },
    },
    planRevisit: {
      method: 'POST',
      path: '/revisits',
      file: 'plan-revisit',
      scopes: [SCOPES.revisitsWrite],
      summary: 'Plan a revisit by hand',
      body: newRevisitBody,
      idempotent: true,
      responses: { 201: { description: 'Planned', schema: revisitSchema } },
    },
  },
);
