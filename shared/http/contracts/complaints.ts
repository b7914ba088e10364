import {
  CATEGORIES,
  COMPLAINT_CHANNELS,
  PRIORITIES,
  SEVERITIES,
  UNASSIGNABLE_REASONS,
} from '../../domain/complaints/complaint';
import { CONFIRMATION_ANSWERS } from '../../domain/complaints/confirmation';
import { normalizeComplaintNumber } from '../../domain/complaints/complaint-number';
import { COMPLAINT_STATUSES } from '../../domain/complaints/lifecycle';
import { DEPARTMENT_IDS } from '../../domain/organization/departments';
import { ULID_PATTERN } from '../../domain/ids';
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
    customerUpdates: z.optional(
      describe(
        z.boolean(),
        'Email the customer when a person takes the complaint or it is reopened (default: yes for email complaints). The result is always sent.',
      ),
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
    transfers: z.optional(
      describe(
        z.array(
          z.object({
            from: z.enum(DEPARTMENT_IDS),
            to: z.enum(DEPARTMENT_IDS),
            at: z.string(),
            by: z.string(),
            fromOwnerId: z.optional(
              describe(
                z.string(),
                'Whose complaint it was when it left (its transfer counts for them)',
              ),
            ),
          }),
        ),
        'Moves to another department, oldest first (the reasons are on the timeline)',
      ),
    ),
    unassignable: z.optional(
      describe(
        z.object({
          department: z.enum(DEPARTMENT_IDS),
          reason: z.enum(UNASSIGNABLE_REASONS),
          since: z.string(),
        }),
        'Set while auto-assignment finds nobody in the department; cleared once assigned',
      ),
    ),
    escalationLevel: z.int(),
    sla: z.optional(sla),
    firstRespondedAt: z.optional(z.string()),
    firstResponderId: z.optional(
      describe(z.string(), 'Who gave the first response (the report credits its time to them)'),
    ),
    firstResponseBusinessMs: z.optional(z.number()),
    resolution: z.optional(
      z.object({
        plan: z.string(),
        customerAgreed: z.boolean(),
        resolvedAt: z.string(),
        resolvedBy: z.string(),
        messageToCustomer: z.optional(z.string()),
      }),
    ),
    confirmation: z.optional(
      describe(
        z.object({
          round: z.string(),
          autoCloseAt: z.optional(z.string()),
          answer: z.optional(z.enum(CONFIRMATION_ANSWERS)),
          answeredAt: z.optional(z.string()),
          via: z.optional(z.enum(['link', 'reply'])),
        }),
        "The customer's answer to the result; silence closes the complaint at autoCloseAt",
      ),
    ),
    closedAt: z.optional(z.string()),
    closedBy: z.optional(z.enum(['staff', 'customer', 'auto'])),
    customerUpdates: z.optional(z.boolean()),
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
    describe(
      z.enum(['true', 'false']),
      'true: only complaints that missed a deadline; false: only those that have not',
    ),
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
export const transferBody = z
  .strictObject({
    department: describe(z.enum(DEPARTMENT_IDS), 'The department that should handle it instead'),
    reason: describe(text(1, 2000), 'Why it goes there; kept on the timeline'),
  })
  .register(z.globalRegistry, { id: 'ComplaintTransfer' });
export const noteBody = z
  .strictObject({ note })
  .register(z.globalRegistry, { id: 'ComplaintNote' });
export const resolveBody = z
  .strictObject({
    plan: describe(text(1, 10_000), 'The resolution plan (处理方案)'),
    customerAgreed: describe(
      z.boolean(),
      'Whether the customer agreed to the plan; a plan they did not agree to is never closed by silence',
    ),
    messageToCustomer: z.optional(
      describe(
        text(1, 10_000),
        'What the result email tells the customer (default: the plan); they are asked to confirm it solved their problem',
      ),
    ),
  })
  .register(z.globalRegistry, { id: 'ComplaintResolution' });
export const reopenBody = z
  .strictObject({ reason: text(1, 2000) })
  .register(z.globalRegistry, { id: 'ComplaintReopening' });

/** The customer's progress link: `/c/{token}`, a signed token naming one complaint. */
export const progressTokenPath = z.strictObject({
  token: z.string().check(z.minLength(10), z.maxLength(512), z.regex(/^[A-Za-z0-9_.-]+$/)),
});

const round = describe(
  z.string().check(z.maxLength(40), z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/)),
  'The result the answer is about (its resolvedAt), from the result email',
);

export const progressQuery = z.strictObject({
  answer: z.optional(z.enum(CONFIRMATION_ANSWERS)),
  round: z.optional(round),
});

export const MESSAGE_MAX_LENGTH = 5000;

export const customerMessageForm = z
  .strictObject({
    message: z.string().check(z.trim(), z.minLength(1), z.maxLength(MESSAGE_MAX_LENGTH)),
    messageId: describe(
      z.string().check(z.regex(ULID_PATTERN)),
      'Issued with the page, so that sending the form twice adds the message once',
    ),
  })
  .register(z.globalRegistry, { id: 'ComplaintMessageForm' });

export const resolutionAnswerForm = z
  .strictObject({
    answer: z.enum(CONFIRMATION_ANSWERS),
    round,
    words: z.optional(z.string().check(z.trim(), z.maxLength(MESSAGE_MAX_LENGTH))),
  })
  .register(z.globalRegistry, { id: 'ComplaintResolutionAnswerForm' });
