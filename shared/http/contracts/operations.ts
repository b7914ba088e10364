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
import {
  accessLogPage,
  accessLogQuery,
  customerExportSchema,
  eraseCustomerQuery,
  erasureSchema,
} from './privacy';
import {
  assignBody,
  complaintDetailSchema,
  complaintPage,
  complaintPathParams,
  complaintSchema,
  createComplaintBody,
  customerComplaintsQuery,
  listComplaintsQuery,
  noteBody,
  reopenBody,
  resolveBody,
  respondBody,
} from './complaints';
import {
  customerServicesQuery,
  listRevisitsQuery,
  newRevisitBody,
  newServiceBody,
  outcomeBody,
  revisitComplaintBody,
  revisitComplaintSchema,
  revisitPoliciesBody,
  revisitPoliciesSchema,
  revisitPage,
  revisitPathParams,
  revisitSchema,
  servicePage,
  serviceSchema,
} from './revisits';
import {
  calendarPathParams,
  calendarSchema,
  calendarSettingsSchema,
  departmentBody,
  departmentList,
  departmentPathParams,
  departmentSchema,
  listStaffQuery,
  routingRulesBody,
  routingRulesSchema,
  slaPoliciesBody,
  slaPoliciesSchema,
  staffBody,
  staffList,
  staffPathParams,
  staffSchema,
} from './organization';
import {
  answerForm,
  answerQuery,
  campaignPathParams,
  campaignSchema,
  customerSurveysQuery,
  newCampaignBody,
  surveyPage,
  surveyPathParams,
  surveySchema,
  surveySettingsBody,
  surveySettingsSchema,
  surveyTokenPath,
  unsubscribeForm,
} from './surveys';
import {
  reportSettingsBody,
  reportSettingsSchema,
  reportViewQuery,
  serviceQualityQuery,
  serviceQualityReportSchema,
} from './reports';

export interface OperationContract {
  operationId: string;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  path?: z.ZodMiniType;
  /** Media types accepted for the body; JSON unless said otherwise. */
  mediaTypes?: string[];
  /** Answers with HTML pages (public survey pages), problems included. */
  html?: boolean;
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
  createComplaint: {
    operationId: 'createComplaint',
    body: createComplaintBody,
    idempotent: true,
    responses: { 201: { description: 'Received; routing follows', schema: complaintSchema } },
  },
  listComplaints: {
    operationId: 'listComplaints',
    query: listComplaintsQuery,
    responses: { 200: { description: 'Newest first', schema: complaintPage } },
  },
  getComplaint: {
    operationId: 'getComplaint',
    path: complaintPathParams,
    responses: { 200: { description: 'The complaint', schema: complaintDetailSchema } },
  },
  respondToComplaint: {
    operationId: 'respondToComplaint',
    path: complaintPathParams,
    body: respondBody,
    idempotent: true,
    responses: { 201: { description: 'Recorded and emailed', schema: complaintSchema } },
  },
  assignComplaint: {
    operationId: 'assignComplaint',
    path: complaintPathParams,
    body: assignBody,
    responses: { 200: { description: 'Reassigned', schema: complaintSchema } },
  },
  awaitCustomer: {
    operationId: 'awaitCustomer',
    path: complaintPathParams,
    body: noteBody,
    responses: { 200: { description: 'Waiting on the customer', schema: complaintSchema } },
  },
  resumeComplaint: {
    operationId: 'resumeComplaint',
    path: complaintPathParams,
    body: noteBody,
    responses: { 200: { description: 'In progress again', schema: complaintSchema } },
  },
  resolveComplaint: {
    operationId: 'resolveComplaint',
    path: complaintPathParams,
    body: resolveBody,
    responses: { 200: { description: 'Resolved', schema: complaintSchema } },
  },
  closeComplaint: {
    operationId: 'closeComplaint',
    path: complaintPathParams,
    body: noteBody,
    responses: { 200: { description: 'Closed', schema: complaintSchema } },
  },
  reopenComplaint: {
    operationId: 'reopenComplaint',
    path: complaintPathParams,
    body: reopenBody,
    responses: { 200: { description: 'Reopened', schema: complaintSchema } },
  },
  listCustomerComplaints: {
    operationId: 'listCustomerComplaints',
    path: customerPathParams,
    query: customerComplaintsQuery,
    responses: { 200: { description: 'Newest first', schema: complaintPage } },
  },
  listDepartments: {
    operationId: 'listDepartments',
    responses: { 200: { description: 'Configured departments', schema: departmentList } },
  },
  putDepartment: {
    operationId: 'putDepartment',
    path: departmentPathParams,
    body: departmentBody,
    responses: {
      200: { description: 'Updated', schema: departmentSchema },
      201: { description: 'Configured for the first time', schema: departmentSchema },
    },
  },
  listStaff: {
    operationId: 'listStaff',
    query: listStaffQuery,
    responses: { 200: { description: "The department's staff", schema: staffList } },
  },
  putStaffMember: {
    operationId: 'putStaffMember',
    path: staffPathParams,
    body: staffBody,
    responses: {
      200: { description: 'Updated', schema: staffSchema },
      201: { description: 'Added', schema: staffSchema },
    },
  },
  getRoutingRules: {
    operationId: 'getRoutingRules',
    responses: { 200: { description: 'Rules in order', schema: routingRulesSchema } },
  },
  putRoutingRules: {
    operationId: 'putRoutingRules',
    body: routingRulesBody,
    responses: { 200: { description: 'Stored', schema: routingRulesSchema } },
  },
  getSlaPolicies: {
    operationId: 'getSlaPolicies',
    responses: { 200: { description: 'Policies in order', schema: slaPoliciesSchema } },
  },
  putSlaPolicies: {
    operationId: 'putSlaPolicies',
    body: slaPoliciesBody,
    responses: {
      200: {
        description: 'Stored; complaints routed from now on use them',
        schema: slaPoliciesSchema,
      },
    },
  },
  getCalendar: {
    operationId: 'getCalendar',
    path: calendarPathParams,
    responses: {
      200: { description: 'The calendar deadlines are counted on', schema: calendarSchema },
    },
  },
  putCalendar: {
    operationId: 'putCalendar',
    path: calendarPathParams,
    body: calendarSettingsSchema,
    responses: { 200: { description: 'Stored; new deadlines use it', schema: calendarSchema } },
  },
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
  getRevisitPolicies: {
    operationId: 'getRevisitPolicies',
    responses: { 200: { description: 'Policies', schema: revisitPoliciesSchema } },
  },
  putRevisitPolicies: {
    operationId: 'putRevisitPolicies',
    body: revisitPoliciesBody,
    responses: {
      200: { description: 'Stored; events from now on use them', schema: revisitPoliciesSchema },
    },
  },
  startSurveyCampaign: {
    operationId: 'startSurveyCampaign',
    body: newCampaignBody,
    idempotent: true,
    responses: {
      202: {
        description: 'Started; the audience is enumerated and emailed',
        schema: campaignSchema,
      },
    },
  },
  getSurveyCampaign: {
    operationId: 'getSurveyCampaign',
    path: campaignPathParams,
    responses: { 200: { description: 'The campaign and its counters', schema: campaignSchema } },
  },
  getSurvey: {
    operationId: 'getSurvey',
    path: surveyPathParams,
    responses: { 200: { description: 'The survey', schema: surveySchema } },
  },
  listCustomerSurveys: {
    operationId: 'listCustomerSurveys',
    path: customerPathParams,
    query: customerSurveysQuery,
    responses: { 200: { description: 'Newest first', schema: surveyPage } },
  },
  getSurveySettings: {
    operationId: 'getSurveySettings',
    responses: { 200: { description: 'Settings', schema: surveySettingsSchema } },
  },
  putSurveySettings: {
    operationId: 'putSurveySettings',
    body: surveySettingsBody,
    responses: { 200: { description: 'Stored', schema: surveySettingsSchema } },
  },
  openSurveyPage: {
    operationId: 'openSurveyPage',
    path: surveyTokenPath,
    query: answerQuery,
    html: true,
    responses: { 200: { description: 'The answer page (text/html)' } },
  },
  answerSurvey: {
    operationId: 'answerSurvey',
    path: surveyTokenPath,
    body: answerForm,
    mediaTypes: ['application/x-www-form-urlencoded'],
    html: true,
    responses: { 200: { description: 'Thank-you page (text/html)' } },
  },
  openUnsubscribePage: {
    operationId: 'openUnsubscribePage',
    path: surveyTokenPath,
    html: true,
    responses: { 200: { description: 'Confirmation page (text/html)' } },
  },
  unsubscribeFromSurveys: {
    operationId: 'unsubscribeFromSurveys',
    path: surveyTokenPath,
    body: unsubscribeForm,
    mediaTypes: ['application/x-www-form-urlencoded'],
    html: true,
    responses: { 200: { description: 'Unsubscribed (text/html)' } },
  },
  getServiceQualityReport: {
    operationId: 'getServiceQualityReport',
    query: serviceQualityQuery,
    responses: {
      200: {
        description:
          'The figures of the period and of the one before, each rate with its formula (null when there is no data)',
        schema: serviceQualityReportSchema,
      },
    },
  },
  getServiceQualityView: {
    operationId: 'getServiceQualityView',
    query: reportViewQuery,
    html: true,
    responses: { 200: { description: 'The report as a page with charts (text/html, no script)' } },
  },
  getReportSettings: {
    operationId: 'getReportSettings',
    responses: { 200: { description: 'Recipients and targets', schema: reportSettingsSchema } },
  },
  putReportSettings: {
    operationId: 'putReportSettings',
    body: reportSettingsBody,
    responses: { 200: { description: 'Stored', schema: reportSettingsSchema } },
  },
  getOpenApi: {
    operationId: 'getOpenApi',
    responses: { 200: { description: 'OpenAPI 3.1 document', schema: openApiDocument } },
  },
} as const satisfies Record<string, OperationContract>;
