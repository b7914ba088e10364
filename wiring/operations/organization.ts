import { SCOPES } from '../names';
import type * as z from '../../shared/zod';
import { noQuery } from '../../shared/http/contracts/common';
import { operationGroup, type OperationSpec } from './operation';
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
} from '../../shared/http/contracts/organization';
import { reportSettingsBody, reportSettingsSchema } from '../../shared/http/contracts/reports';
import { revisitPoliciesBody, revisitPoliciesSchema } from '../../shared/http/contracts/revisits';
import { surveySettingsBody, surveySettingsSchema } from '../../shared/http/contracts/surveys';

/**
 * The GET and PUT of one versioned setting, both for admins: `file` is the handler's name after
 * `get-`/`put-`; the PUT replaces the whole document with `body` and both answer `schema`.
 */
const settingOperations = <
  const Path extends string,
  Body extends z.ZodMiniType,
  Schema extends z.ZodMiniType,
>(setting: {
  path: Path;
  file: string;
  body: Body;
  schema: Schema;
  read: { summary: string; description: string };
  replace: { summary: string; description: string };
}) => {
  const { path, file, body, schema, read, replace } = setting;
  return {
    get: {
      method: 'GET',
      path,
      file: `get-${file}`,
      scopes: [SCOPES.admin],
      summary: read.summary,
      responses: { 200: { description: read.description, schema } },
    },
    put: {
      method: 'PUT',
      path,
      file: `put-${file}`,
      scopes: [SCOPES.admin],
      summary: replace.summary,
      body,
      responses: { 200: { description: replace.description, schema } },
    },
  } as const satisfies Record<'get' | 'put', OperationSpec>;
};

const routingRules = settingOperations({
  path: '/routing-rules',
  file: 'routing-rules',
  body: routingRulesBody,
  schema: routingRulesSchema,
  read: {
    summary: 'The routing rules, in the order they are tried',
    description: 'Rules in order',
  },
  replace: {
    summary: 'Replace the routing rules (validated against the departments)',
    description: 'Stored',
  },
});

const slaPolicies = settingOperations({
  path: '/sla-policies',
  file: 'sla-policies',
  body: slaPoliciesBody,
  schema: slaPoliciesSchema,
  read: {
    summary: 'Deadline policies, in the order they are matched',
    description: 'Policies in order',
  },
  replace: {
    summary: 'Replace the deadline policies (first match on priority, category, channel, tier)',
    description: 'Stored; complaints routed from now on use them',
  },
});

const revisitPolicies = settingOperations({
  path: '/revisit-policies',
  file: 'revisit-policies',
  body: revisitPoliciesBody,
  schema: revisitPoliciesSchema,
  read: { summary: 'The policies that plan revisits', description: 'Policies' },
  replace: {
    summary: 'Replace the revisit policies (validated)',
    description: 'Stored; events from now on use them',
  },
});

const surveySettings = settingOperations({
  path: '/survey-settings',
  file: 'survey-settings',
  body: surveySettingsBody,
  schema: surveySettingsSchema,
  read: {
    summary: 'Survey delays, throttle window, link validity, grace window, reminder, send rate',
    description: 'Settings',
  },
  replace: { summary: 'Replace the survey settings (validated)', description: 'Stored' },
});

const reportSettings = settingOperations({
  path: '/report-settings',
  file: 'report-settings',
  body: reportSettingsBody,
  schema: reportSettingsSchema,
  read: {
    summary: 'Management-report recipients and the targets figures are judged against',
    description: 'Recipients and targets',
  },
  replace: {
    summary: 'Replace the report recipients and targets',
    description: 'Stored',
  },
});

/**
 * The operations of the organization’s configuration: route, scopes and contract of each, in one
 * entry. The manifest, the OpenAPI document and the handlers all read them.
 */
export const organizationOperations = operationGroup(
  { tag: 'Organization', folder: 'organization' },
  {
    listDepartments: {
      method: 'GET',
      path: '/departments',
      file: 'list-departments',
      scopes: [SCOPES.complaintsRead],
      summary: 'Configured departments',
      responses: { 200: { description: 'Configured departments', schema: departmentList } },
    },
    putDepartment: {
      method: 'PUT',
      path: '/departments/{departmentId}',
      file: 'put-department',
      scopes: [SCOPES.admin],
      summary: 'Configure a department (name, supervisor, head)',
      params: departmentPathParams,
      body: departmentBody,
      responses: {
        200: { description: 'Updated', schema: departmentSchema },
        201: { description: 'Configured for the first time', schema: departmentSchema },
      },
    },
    listStaff: {
      method: 'GET',
      path: '/staff',
      file: 'list-staff',
      scopes: [SCOPES.complaintsRead],
      summary: "A department's staff",
      query: listStaffQuery,
      responses: { 200: { description: "The department's staff", schema: staffList } },
    },
    putStaffMember: {
      method: 'PUT',
      path: '/staff/{staffId}',
      file: 'put-staff-member',
      scopes: [SCOPES.admin],
      summary:
        'Add or change a staff member (department, role, on duty); a new person is invited to sign in',
      params: staffPathParams,
      body: staffBody,
      managesStaffIdentity: true,
      responses: {
        200: { description: 'Updated (a removed person is put back)', schema: staffSchema },
        201: { description: 'Added; the invitation email is on its way', schema: staffSchema },
      },
    },
    deleteStaffMember: {
      method: 'DELETE',
      path: '/staff/{staffId}',
      file: 'delete-staff-member',
      scopes: [SCOPES.admin],
      summary: 'Remove a staff member: no new work, sign-in account disabled and signed out',
      params: staffPathParams,
      query: noQuery,
      managesStaffIdentity: true,
      responses: { 200: { description: 'Removed (or already removed)', schema: staffSchema } },
    },
    getRoutingRules: routingRules.get,
    putRoutingRules: routingRules.put,
    getSlaPolicies: slaPolicies.get,
    putSlaPolicies: slaPolicies.put,
    getCalendar: {
      method: 'GET',
      path: '/calendars/{calendarId}',
      file: 'get-calendar',
      scopes: [SCOPES.complaintsRead],
      summary: 'A business calendar: time zone, working hours, holiday overrides',
      params: calendarPathParams,
      responses: {
        200: { description: 'The calendar deadlines are counted on', schema: calendarSchema },
      },
    },
    putCalendar: {
      method: 'PUT',
      path: '/calendars/{calendarId}',
      file: 'put-calendar',
      scopes: [SCOPES.admin],
      summary: 'Set working hours and add or override holidays (validated)',
      params: calendarPathParams,
      body: calendarSettingsSchema,
      responses: { 200: { description: 'Stored; new deadlines use it', schema: calendarSchema } },
    },
    getRevisitPolicies: revisitPolicies.get,
    putRevisitPolicies: revisitPolicies.put,
    getSurveySettings: surveySettings.get,
    putSurveySettings: surveySettings.put,
    getReportSettings: reportSettings.get,
    putReportSettings: reportSettings.put,
  },
);
