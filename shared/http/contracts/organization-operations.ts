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
import { reportSettingsBody, reportSettingsSchema } from './reports';
import { revisitPoliciesBody, revisitPoliciesSchema } from './revisits';
import { surveySettingsBody, surveySettingsSchema } from './surveys';
import type { OperationContract } from './operation-contract';

/**
 * The contracts of the organization’s configuration: handlers validate with them, the OpenAPI
 * document lists them.
 */
export const organizationOperations = {
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
  getSurveySettings: {
    operationId: 'getSurveySettings',
    responses: { 200: { description: 'Settings', schema: surveySettingsSchema } },
  },
  putSurveySettings: {
    operationId: 'putSurveySettings',
    body: surveySettingsBody,
    responses: { 200: { description: 'Stored', schema: surveySettingsSchema } },
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
} as const satisfies Record<string, OperationContract>;
