import {
  assignBody,
  complaintDetailSchema,
  complaintPage,
  complaintPathParams,
  complaintSchema,
  createComplaintBody,
  customerComplaintsQuery,
  customerMessageForm,
  progressQuery,
  progressTokenPath,
  resolutionAnswerForm,
  listComplaintsQuery,
  noteBody,
  reopenBody,
  resolveBody,
  respondBody,
  transferBody,
} from './complaints';
import { customerPathParams } from './customers';
import type { OperationContract } from './operation-contract';

/**
 * The contracts of complaints: handlers validate with them, the OpenAPI
 * document lists them.
 */
export const complaintOperations = {
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
  transferComplaint: {
    operationId: 'transferComplaint',
    path: complaintPathParams,
    body: transferBody,
    responses: {
      200: {
        description: 'Routed to the department, to be assigned by its queue',
        schema: complaintSchema,
      },
    },
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
  openComplaintProgressPage: {
    operationId: 'openComplaintProgressPage',
    path: progressTokenPath,
    query: progressQuery,
    html: true,
    responses: {
      200: {
        description:
          "The customer's progress page (text/html): status, promised date, replies, the result to confirm, a message box",
      },
    },
  },
  postComplaintMessage: {
    operationId: 'postComplaintMessage',
    path: progressTokenPath,
    body: customerMessageForm,
    mediaTypes: ['application/x-www-form-urlencoded'],
    html: true,
    responses: { 200: { description: 'The progress page with the message added (text/html)' } },
  },
  answerComplaintResolution: {
    operationId: 'answerComplaintResolution',
    path: progressTokenPath,
    body: resolutionAnswerForm,
    mediaTypes: ['application/x-www-form-urlencoded'],
    html: true,
    responses: {
      200: { description: 'Solved: closed; not solved: reopened to its owner (text/html)' },
    },
  },
  listCustomerComplaints: {
    operationId: 'listCustomerComplaints',
    path: customerPathParams,
    query: customerComplaintsQuery,
    responses: { 200: { description: 'Newest first', schema: complaintPage } },
  },
} as const satisfies Record<string, OperationContract>;
