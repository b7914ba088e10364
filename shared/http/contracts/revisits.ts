import { REVISIT_STATUSES } from '../../domain/revisits/revisit';
import { SERVICE_KINDS } from '../../domain/revisits/service-record';
import { DEPARTMENT_IDS } from '../../domain/organization/departments';
import * as z from '../../zod';
import { describe, isoDateTime, pageOf, pageQuery, text, ulidSchema } from './common';
import { listSettingContracts } from './organization-settings';

const odometerKm = describe(
  z.int().check(z.gte(0), z.lte(10_000_000)),
  'The odometer reading at the service, in km: distance-based reminders (everyKm) are projected from the two latest readings',
);

export const newServiceBody = z
  .strictObject({
    customerId: ulidSchema,
    kind: z.enum(SERVICE_KINDS),
    reference: z.optional(describe(text(1, 100), 'Order or work-order number')),
    completedAt: isoDateTime,
    staffId: z.optional(text(1, 64)),
    department: z.optional(z.enum(DEPARTMENT_IDS)),
    errorOccurred: z._default(
      describe(z.boolean(), 'A service error occurred (feeds the error rate)'),
      false,
    ),
    odometerKm: z.optional(odometerKm),
    notes: z.optional(text(1, 2000)),
  })
  .register(z.globalRegistry, { id: 'NewServiceRecord' });

export const serviceSchema = z
  .object({
    id: ulidSchema,
    customerId: ulidSchema,
    kind: z.enum(SERVICE_KINDS),
    reference: z.optional(z.string()),
    completedAt: z.string(),
    staffId: z.optional(z.string()),
    department: z.optional(z.string()),
    errorOccurred: z.boolean(),
    odometerKm: z.optional(z.int()),
    notes: z.optional(z.string()),
    recordedAt: z.string(),
    recordedBy: z.string(),
    firstForCustomer: z.optional(z.boolean()),
  })
  .register(z.globalRegistry, { id: 'ServiceRecord' });

export const servicePage = pageOf(serviceSchema, 'ServiceRecordPage');
export const customerServicesQuery = z.strictObject(pageQuery);

export const revisitSchema = z
  .object({
    id: ulidSchema,
    customerId: ulidSchema,
    policyId: z.string(),
    cause: z.object({ type: z.enum(['service', 'complaint', 'manual']), id: z.string() }),
    channel: z.enum(['phone', 'email']),
    assigneeId: z.optional(z.string()),
    department: z.optional(z.string()),
    status: z.enum(REVISIT_STATUSES),
    opensAt: describe(z.string(), 'When its window opens: due (in the worklist) from then'),
    dueAt: describe(z.string(), 'Its deadline: completed by then is on time, past it overdue'),
    warnAt: describe(
      z.string(),
      'When its owner (else the supervisor) is warned that the deadline nears: 80 % into the window',
    ),
    warnedAt: z.optional(describe(z.string(), 'When the warning was sent')),
    escalatedAt: z.optional(
      describe(
        z.string(),
        "When it passed its deadline open and was escalated to the department's supervisor",
      ),
    ),
    recurrence: z.optional(
      describe(
        z.object({
          occurrence: describe(z.int(), 'Which reminder of the cycle: 1 for the first'),
          cycleStartedAt: describe(z.string(), 'When the service that started the cycle was done'),
          reading: z.optional(
            z.object({
              km: z.number(),
              kmPerDay: describe(z.number(), 'Usage projected from the two latest readings'),
            }),
          ),
        }),
        "A recurring policy's reminder; a newer service starts a new cycle",
      ),
    ),
    maxAttempts: z.int(),
    retrySpacingHours: z.number(),
    surveyAfter: z.boolean(),
    attempts: z.array(
      z.object({
        at: z.string(),
        by: z.string(),
        reached: z.boolean(),
        notes: z.optional(z.string()),
      }),
    ),
    outcome: z.optional(
      z.object({
        score: z.optional(z.int()),
        notes: z.optional(z.string()),
        issuesFound: z.optional(z.string()),
        completedAt: z.string(),
      }),
    ),
    cancellation: z.optional(z.object({ reason: z.string(), at: z.string() })),
    complaintId: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'Revisit' });

export const revisitPage = pageOf(revisitSchema, 'RevisitPage');
export const revisitPathParams = z.strictObject({ revisitId: ulidSchema });

export const listRevisitsQuery = z.strictObject({
  assignee: z.optional(text(1, 64)),
  department: z.optional(z.enum(DEPARTMENT_IDS)),
  status: z._default(z.enum(REVISIT_STATUSES), 'due'),
  unassigned: z.optional(
    describe(
      z.enum(['true', 'false']),
      "With `department`: only the revisits nobody has taken yet (the department's unassigned list)",
    ),
  ),
  due: z.optional(
    describe(
      z.enum(['today', 'overdue']),
      'Deadline today (Asia/Shanghai), or already past the deadline (overdue)',
    ),
  ),
  ...pageQuery,
});

export const outcomeBody = z
  .strictObject({
    reached: z.boolean(),
    score: z.optional(describe(z.int().check(z.gte(1), z.lte(5)), '5 非常满意 … 1 非常不满意')),
    notes: z.optional(text(1, 2000)),
    issuesFound: z.optional(text(1, 2000)),
  })
  .check(
    z.refine((body) => body.reached || body.score === undefined, {
      message: 'a score needs the customer to have been reached',
      path: ['score'],
    }),
  )
  .register(z.globalRegistry, { id: 'RevisitOutcome' });

export const assignRevisitBody = z
  .strictObject({
    assigneeId: z.optional(
      describe(
        text(1, 64),
        "Who takes it: yourself when omitted (claiming); a supervisor may name any on-duty member of the revisit's department",
      ),
    ),
  })
  .register(z.globalRegistry, { id: 'RevisitAssignment' });

export const revisitComplaintBody = z
  .strictObject({
    description: z.optional(describe(text(1, 10_000), "Defaults to the outcome's issuesFound")),
  })
  .register(z.globalRegistry, { id: 'RevisitComplaint' });

export const revisitComplaintSchema = z
  .object({ complaintId: ulidSchema, revisit: revisitSchema })
  .register(z.globalRegistry, { id: 'RevisitComplaintResult' });

export const newRevisitBody = z
  .strictObject({
    customerId: ulidSchema,
    dueAt: describe(isoDateTime, 'The deadline'),
    opensAt: z.optional(
      describe(isoDateTime, 'When it appears in the worklist (due); at the deadline if not given'),
    ),
    channel: z.enum(['phone', 'email']),
    assigneeId: z.optional(text(1, 64)),
    department: z.optional(z.enum(DEPARTMENT_IDS)),
    reason: describe(text(1, 500), 'Why this contact is planned'),
  })
  .register(z.globalRegistry, { id: 'NewRevisit' });

const revisitDelay = z.strictObject({
  amount: z.int().check(z.gte(0), z.lte(10_000)),
  unit: z.enum(['hours', 'days', 'business-days', 'months']),
});

/**
 * A policy's window, counted from its cause: it opens `opensAfter` (default at once) and its
 * deadline is `dueWithin`. Policies stored before windows had one `delay`; they read with it as
 * the deadline (see migrateRevisitPolicy).
 */
const revisitPolicy = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, 'lower-case letters, digits and dashes')),
    description: text(1, 200),
    trigger: z.discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('service'),
        kinds: z.array(z.enum(SERVICE_KINDS)).check(z.maxLength(10)),
      }),
      z.strictObject({ type: z.literal('first-service') }),
      z.strictObject({ type: z.literal('complaint-closed') }),
    ]),
    opensAfter: z._default(
      describe(
        revisitDelay,
        'When the window opens after the cause (the revisit is due from then)',
      ),
      { amount: 0, unit: 'hours' as const },
    ),
    dueWithin: describe(
      revisitDelay,
      'The deadline after the cause: on time when completed by then',
    ),
    channel: z.enum(['phone', 'email']),
    owner: z.enum(['service-staff', 'complaint-owner', 'department-queue']),
    maxAttempts: z.int().check(z.gte(1), z.lte(10)),
    retrySpacingHours: z.number().check(z.gte(1), z.lte(720)),
    surveyAfter: z.boolean(),
    every: z.optional(
      describe(
        revisitDelay,
        'Recurring: the next reminder is planned this long after each one, until a newer service starts a new cycle',
      ),
    ),
    everyKm: z.optional(
      describe(
        z.int().check(z.gte(1), z.lte(1_000_000)),
        'Recurring by distance: the next reminder opens when the reading projected from the service records (odometerKm) reaches another this many km, if sooner than `every`',
      ),
    ),
    until: z.optional(
      describe(
        z.strictObject({
          count: z.optional(z.int().check(z.gte(1), z.lte(1000))),
          date: z.optional(
            describe(z.iso.date(), 'The last day a reminder may open (the calendar zone)'),
          ),
        }),
        'A recurring policy stops after `count` reminders or after `date`, whichever first',
      ),
    ),
  })
  .check(
    z.refine((policy) => policy.every === undefined || policy.every.amount > 0, {
      message: 'a recurring policy needs a period longer than zero',
      path: ['every'],
    }),
    z.refine(
      (policy) =>
        policy.until === undefined || policy.every !== undefined || policy.everyKm !== undefined,
      {
        message: '`until` limits a recurring policy: give `every` or `everyKm`',
        path: ['until'],
      },
    ),
    z.refine(
      (policy) =>
        policy.opensAfter.unit !== policy.dueWithin.unit ||
        policy.opensAfter.amount <= policy.dueWithin.amount,
      { message: 'the window must open before its deadline', path: ['opensAfter'] },
    ),
  );

export const { body: revisitPoliciesBody, schema: revisitPoliciesSchema } = listSettingContracts({
  ids: { body: 'RevisitPolicies', set: 'RevisitPolicySet' },
  field: 'policies',
  item: revisitPolicy,
  max: 50,
});
