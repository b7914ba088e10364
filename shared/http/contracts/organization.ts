import {
  CATEGORIES,
  COMPLAINT_CHANNELS,
  PRIORITIES,
  SEVERITIES,
} from '../../domain/complaints/complaint';
import { TIERS } from '../../domain/customers/customer';
import { DEPARTMENT_IDS } from '../../domain/organization/departments';
import { STAFF_ROLES } from '../../domain/organization/staff';
import * as z from '../../zod';
import { describe, staffIdSchema, text } from './common';
import { listSettingContracts } from './organization-settings';

const staffId = staffIdSchema;

export const departmentPathParams = z.strictObject({ departmentId: z.enum(DEPARTMENT_IDS) });
export const staffPathParams = z.strictObject({ staffId });

export const departmentBody = z
  .strictObject({
    name: text(1, 100),
    supervisorId: z.optional(describe(staffId, 'First escalation level')),
    headId: z.optional(describe(staffId, 'Second escalation level')),
  })
  .register(z.globalRegistry, { id: 'DepartmentSettings' });

export const departmentSchema = z
  .object({
    id: z.enum(DEPARTMENT_IDS),
    name: z.string(),
    supervisorId: z.optional(z.string()),
    headId: z.optional(z.string()),
    lastAssignedStaffId: z.optional(z.string()),
    awaitingStaff: z.optional(
      describe(
        z.array(z.enum(['supervisorId', 'headId'])),
        'Escalation names that are no staff member of this department yet; they count once added',
      ),
    ),
    updatedAt: z.string(),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'Department' });

export const departmentList = z
  .object({ items: z.array(departmentSchema) })
  .register(z.globalRegistry, { id: 'DepartmentList' });

export const staffBody = z
  .strictObject({
    name: text(1, 100),
    email: z.email().check(z.maxLength(254)),
    department: z.enum(DEPARTMENT_IDS),
    role: z.enum(STAFF_ROLES),
    onDuty: z.boolean(),
    administrator: z.optional(
      describe(z.boolean(), 'Configures Kefu and sees every department (default false)'),
    ),
  })
  .register(z.globalRegistry, { id: 'StaffSettings' });

export const staffSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    department: z.enum(DEPARTMENT_IDS),
    role: z.enum(STAFF_ROLES),
    onDuty: z.boolean(),
    administrator: z.optional(z.boolean()),
    removedAt: z.optional(
      describe(z.string(), 'When the person was removed; their sign-in account is disabled'),
    ),
    openComplaints: z.int(),
    updatedAt: z.string(),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'StaffMember' });

export const staffList = z
  .object({ items: z.array(staffSchema) })
  .register(z.globalRegistry, { id: 'StaffList' });

export const listStaffQuery = z.strictObject({ department: z.enum(DEPARTMENT_IDS) });

const list = <T extends z.ZodMiniType>(item: T) => z.optional(z.array(item).check(z.maxLength(50)));

const routingRule = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, 'lower-case letters, digits and dashes')),
  description: z.optional(text(1, 200)),
  when: z.strictObject({
    categories: list(z.enum(CATEGORIES)),
    keywords: list(text(1, 50)),
    channels: list(z.enum(COMPLAINT_CHANNELS)),
    tiers: list(z.enum(TIERS)),
    severities: list(z.enum(SEVERITIES)),
  }),
  then: z.strictObject({
    department: z.enum(DEPARTMENT_IDS),
    category: z.optional(z.enum(CATEGORIES)),
    priority: z.optional(z.enum(PRIORITIES)),
  }),
});

export const { body: routingRulesBody, schema: routingRulesSchema } = listSettingContracts({
  ids: { body: 'RoutingRules', set: 'RoutingRuleSet' },
  field: 'rules',
  item: routingRule,
  max: 200,
  defaultsMeaning: 'True while no rules were ever stored',
});

export const calendarPathParams = z.strictObject({
  calendarId: describe(
    z.enum(['default', ...DEPARTMENT_IDS]),
    '`default`, or a department that works other hours',
  ),
});

const clockTime = z.string().check(z.regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM'));

export const calendarSettingsSchema = z
  .strictObject({
    timeZone: describe(text(1, 64), 'IANA time zone, e.g. Asia/Shanghai'),
    workingHours: z.strictObject({
      // At least one: a calendar without working days leaves no time to plan deadlines in, and
      // every complaint routed on it would fail.
      weekdays: describe(
        z.array(z.int()).check(z.minLength(1, 'name at least one working weekday'), z.maxLength(7)),
        'ISO weekdays, 1 = Monday',
      ),
      windows: z
        .array(z.strictObject({ start: clockTime, end: clockTime }))
        .check(z.minLength(1), z.maxLength(6)),
    }),
    overrides: z.optional(
      describe(
        z
          .array(
            z.strictObject({
              date: z.iso.date(),
              kind: z.enum(['holiday', 'workday']),
              name: z.optional(text(1, 100)),
            }),
          )
          .check(z.maxLength(2000)),
        'Holidays and make-up working days added or overridden, e.g. for a year the built-in data does not cover yet',
      ),
    ),
    usePublicHolidays: z.optional(z.boolean()),
  })
  .register(z.globalRegistry, { id: 'CalendarSettings' });

export const calendarSchema = z
  .object({
    id: z.string(),
    settings: calendarSettingsSchema,
    version: z.int(),
    defaults: z.boolean(),
    publicHolidayYears: describe(
      z.array(z.int()),
      'Years whose published holiday schedule is built in; other years count the statutory holidays computed by rule and no make-up working days, until overrides are entered',
    ),
    warnings: describe(
      z.array(
        z.object({
          code: z.enum(['holiday-schedule-missing']),
          year: z.int(),
          message: z.string(),
        }),
      ),
      "This year's holiday schedule, or from 1 November next year's, is neither built in nor entered as overrides",
    ),
  })
  .register(z.globalRegistry, { id: 'Calendar' });

const target = z.strictObject({
  afterMs: describe(
    z.int().check(z.gte(60_000), z.lte(366 * 24 * 3_600_000)),
    'Milliseconds after receipt',
  ),
  clock: describe(
    z.enum(['business', 'calendar']),
    'Business hours of the calendar, or wall-clock time',
  ),
  maxClockHours: z.optional(
    describe(
      z.nullable(z.int().check(z.gte(1), z.lte(366 * 24))),
      'Due at most so many clock hours after receipt (plus paused time), whichever comes first. Absent: the default cap (48 for firstResponse, the standards; none for resolution); null: no cap',
    ),
  ),
});

const slaPolicy = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, 'lower-case letters, digits and dashes')),
  when: z.strictObject({
    priorities: list(z.enum(PRIORITIES)),
    categories: list(z.enum(CATEGORIES)),
    channels: list(z.enum(COMPLAINT_CHANNELS)),
    tiers: list(z.enum(TIERS)),
  }),
  firstResponse: target,
  resolution: target,
  secondEscalationAfterMs: z.optional(
    describe(
      z.int().check(z.gte(60_000), z.lte(30 * 24 * 3_600_000)),
      'After the first escalation, when the department head is told (default 8 h)',
    ),
  ),
  escalationsWaitForWorkingHours: z.optional(
    describe(
      z.boolean(),
      "Escalations falling outside the department's working hours wait for its next working moment (default false: they go out when due)",
    ),
  ),
  autoCloseAfterDays: z.optional(
    describe(
      z.int().check(z.gte(1), z.lte(60)),
      'Days of silence after the result is sent before the complaint closes by itself (default 7); never when the customer did not agree to the plan',
    ),
  ),
});

export const { body: slaPoliciesBody, schema: slaPoliciesSchema } = listSettingContracts({
  ids: { body: 'SlaPolicies', set: 'SlaPolicySet' },
  field: 'policies',
  item: slaPolicy,
  min: 1,
  max: 50,
  defaultsMeaning: 'True while no policies were ever stored',
});
