import {
  CATEGORIES,
  COMPLAINT_CHANNELS,
  PRIORITIES,
  SEVERITIES,
} from '../../domain/complaints/complaint';
import { normalizeComplaintNumber } from '../../domain/complaints/complaint-number';
import { COMPLAINT_STATUSES } from '../../domain/complaints/lifecycle';
import { DEPARTMENT_IDS } from '../../domain/organization/departments';
import * as z from '../../zod';
import { describe, pageOf, pageQuery, text, ulidSchema } from './common';
import { createCustomerBody } from './customers';

const attachment = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)),
  name: z.optional(text(1, 200)),
  contentType: z.optional(z.string().check(z.regex(/^[\w.+-]+\/[\w.+-]+$/), z.maxLength(100))),
});

export const createComplaintBody = z
  .strictObject({
    customerId: z.optional(ulidSchema),
    customer: z.optional(createCustomerBody),
    channel: z.enum(COMPLAINT_CHANNELS),
    subject: text(1, 200),
    description: text(1, 10_000),
    category: z.optional(z.enum(CATEGORIES)),
    severity: z.optional(z.enum(SEVERITIES)),
    orderRef: z.optional(text(1, 100)),
    attachments: z.optional(
      describe(z.array(attachment).check(z.maxLength(20)), 'References to files stored elsewhere'),
    ),
  })
  .check(
    z.refine((body) => (body.customerId === undefined) !== (body.customer === undefined), {
      message: 'give either customerId or an inline customer, not both',
      path: ['customerId'],
    }),
  )
  .register(z.globalRegistry, { id: 'NewComplaint' });

const sla = z.object({
  policyId: z.string(),
  firstResponseDue: z.string(),
  resolutionDue: z.string(),
  warnings: z.array(z.string()),
});

export const timelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  fromStatus: z.optional(z.enum(COMPLAINT_STATUSES)),
  toStatus: z.optional(z.enum(COMPLAINT_STATUSES)),
  note: z.optional(z.string()),
  details: z.optional(z.record(z.string(), z.unknown())),
});

export const complaintSchema = z
  .object({
    id: ulidSchema,
    number: z.string(),
    customerId: ulidSchema,
    channel: z.enum(COMPLAINT_CHANNELS),
    subject: z.string(),
    description: z.string(),
    category: z.optional(z.enum(CATEGORIES)),
    severity: z.enum(SEVERITIES),
    orderRef: z.optional(z.string()),
    attachments: z.array(
      z.object({
        url: z.string(),
        name: z.optional(z.string()),
        contentType: z.optional(z.string()),
      }),
    ),
    origin: z.optional(
      z.object({
        type: z.enum(['revisit', 'survey']),
        id: z.string(),
        department: z.optional(z.string()),
      }),
    ),
    status: z.enum(COMPLAINT_STATUSES),
    department: z.optional(z.enum(DEPARTMENT_IDS)),
    priority: z.optional(z.enum(PRIORITIES)),
    ownerId: z.optional(z.string()),
    escalationLevel: z.int(),
    sla: z.optional(sla),
    firstRespondedAt: z.optional(z.string()),
    firstResponseBusinessMs: z.optional(z.number()),
    resolution: z.optional(
      z.object({
        plan: z.string(),
        customerAgreed: z.boolean(),
        resolvedAt: z.string(),
        resolvedBy: z.string(),
      }),
    ),
    closedAt: z.optional(z.string()),
    receivedAt: z.string(),
    updatedAt: z.string(),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'Complaint' });

const deadline = z.object({ due: z.string(), met: z.boolean(), businessHoursLeft: z.number() });

export const complaintDetailSchema = z
  .object({
    ...complaintSchema.shape,
    deadlines: z.optional(
      z.object({ firstResponse: deadline, resolution: deadline, paused: z.boolean() }),
    ),
    allowedActions: z.array(z.string()),
    timeline: z.array(timelineEntry),
  })
  .register(z.globalRegistry, { id: 'ComplaintDetail' });

export const complaintPage = pageOf(complaintSchema, 'ComplaintPage');

export const complaintPathParams = z.strictObject({ complaintId: ulidSchema });

/** A complaint number as a customer quotes it; normalized by `normalizeComplaintNumber`. */
const complaintNumberQuery = describe(
  z.string().check(
    z.maxLength(64),
    z.refine((value) => normalizeComplaintNumber(value) !== undefined, {
      message: 'must be a complaint number: KF-<yyyymmdd>-<6 characters>',
    }),
  ),
  'Exact lookup by the number the customer quotes (KF-20261203-7QK2MZ); case, full-width characters, spaces and dashes do not matter',
);

export const listComplaintsQuery = z.strictObject({
  number: z.optional(complaintNumberQuery),
  status: z.optional(z.enum(COMPLAINT_STATUSES)),
  department: z.optional(z.enum(DEPARTMENT_IDS)),
  assignee: z.optional(text(1, 64)),
  customerId: z.optional(ulidSchema),
  breached: z.optional(
    describe(z.enum(['true', 'false']), 'Only complaints that missed a deadline'),
  ),
  ...pageQuery,
});

export const customerComplaintsQuery = z.strictObject(pageQuery);

const note = z.optional(describe(text(1, 2000), 'Why; kept on the timeline'));

export const respondBody = z
  .strictObject({ message: describe(text(1, 10_000), 'The reply, emailed to the customer') })
  .register(z.globalRegistry, { id: 'ComplaintResponse' });
export const assignBody = z
  .strictObject({ ownerId: text(1, 64), note })
  .register(z.globalRegistry, { id: 'ComplaintAssignment' });
export const noteBody = z
  .strictObject({ note })
  .register(z.globalRegistry, { id: 'ComplaintNote' });
export const resolveBody = z
  .strictObject({
    plan: describe(text(1, 10_000), 'The resolution plan (处理方案)'),
    customerAgreed: describe(z.boolean(), 'Whether the customer agreed to the plan'),
  })
  .register(z.globalRegistry, { id: 'ComplaintResolution' });
export const reopenBody = z
  .strictObject({ reason: text(1, 2000) })
  .register(z.globalRegistry, { id: 'ComplaintReopening' });
