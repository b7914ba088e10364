import { REVISIT_STATUSES } from '../../domain/revisits/revisit';
import { SERVICE_KINDS } from '../../domain/revisits/service-record';
import { DEPARTMENT_IDS } from '../../domain/organization/departments';
import * as z from '../../zod';
import { describe, isoDateTime, pageOf, pageQuery, text, ulidSchema } from './common';
import { listSettingContracts } from './organization-settings';

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
  })
  .check(
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
