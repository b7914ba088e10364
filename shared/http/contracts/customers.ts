import { normalizeEmail, normalizePhone } from '../../domain/customers/contact';
import { CONTACT_CHANNELS, LANGUAGES, TIERS } from '../../domain/customers/customer';
import { INTERACTION_CHANNELS } from '../../domain/customers/interaction';
import { MAX_NOTICE_VERSIONS, NOTICE_ID_PATTERN } from '../../domain/customers/privacy-notice';
import { TIMELINE_KINDS } from '../../domain/customers/timeline';
import * as z from '../../zod';
import { describe, isoDateTime, pageOf, pageQuery, text, ulidSchema } from './common';

const name = text(1, 200);

const email = z
  .pipe(z.email().check(z.maxLength(254)), z.transform(normalizeEmail))
  .check(z.meta({ examples: ['li.wei@example.com'] }));

const phone = z
  .pipe(
    z.string().check(z.maxLength(32)),
    z.transform((value: string, ctx) => {
      const normalized = normalizePhone(value);
      if (normalized.ok) return normalized.e164;
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `${normalized.reason}; give it in E.164 form such as +8613800138000`,
      });
      return z.NEVER;
    }),
  )
  .check(
    z.meta({
      description:
        'Normalized to E.164; numbers without a country code are read as mainland China.',
      examples: ['+8613800138000'],
    }),
  );

export const noticeIdSchema = describe(
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(64),
      z.regex(
        NOTICE_ID_PATTERN,
        'lower-case words and digits joined by dashes, e.g. customer-privacy',
      ),
    ),
  'The privacy notice: an id the admin chose',
);

export const noticeVersionRef = describe(
  z.strictObject({
    noticeId: noticeIdSchema,
    version: z.int().check(z.gte(1), z.lte(MAX_NOTICE_VERSIONS)),
  }),
  'The privacy notice version the customer was shown when answering (`GET /privacy-notices/{noticeId}/versions/{version}`); it must exist, cover the purpose and be published by `at`',
);

const consentInput = z.strictObject({
  granted: z.boolean(),
  source: describe(text(1, 100), 'Where consent was given, e.g. "web-form", "call-centre"'),
  at: z.optional(describe(isoDateTime, 'When consent was given; defaults to now')),
  noticeVersion: z.optional(noticeVersionRef),
});

const consentsInput = z.strictObject({
  surveys: z.optional(consentInput),
  marketing: z.optional(consentInput),
  serviceContact: z.optional(
    describe(consentInput, 'Revisit calls and reminders; contact goes ahead unless refused'),
  ),
});

const tags = z.array(text(1, 50)).check(z.maxLength(50));

const clockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00 to 23:59'));
const contactHours = describe(
  z.strictObject({ from: clockTime, to: clockTime }).check(
    z.refine((hours) => hours.from < hours.to, {
      message: 'from must be before to',
      path: ['to'],
    }),
  ),
  'When the customer prefers calls (Asia/Shanghai); phone revisits are planned inside it',
);

export const createCustomerBody = z
  .strictObject({
    name,
    email: z.optional(email),
    phone: z.optional(phone),
    preferredLanguage: z.optional(z.enum(LANGUAGES)),
    preferredChannel: z.optional(z.enum(CONTACT_CHANNELS)),
    preferredContactHours: z.optional(contactHours),
    consents: z.optional(consentsInput),
    tags: z.optional(tags),
    tier: z.optional(z.enum(TIERS)),
  })
  .check(
    z.refine((body) => body.email !== undefined || body.phone !== undefined, {
      message: 'give an email or a phone number (or both)',
      path: ['email'],
    }),
  )
  .register(z.globalRegistry, { id: 'NewCustomer' });

export const updateCustomerBody = z
  .strictObject({
    name: z.optional(name),
    email: z.optional(z.nullable(email)),
    phone: z.optional(z.nullable(phone)),
    preferredLanguage: z.optional(z.enum(LANGUAGES)),
    preferredChannel: z.optional(z.nullable(z.enum(CONTACT_CHANNELS))),
    preferredContactHours: z.optional(z.nullable(contactHours)),
    consents: z.optional(consentsInput),
    tags: z.optional(tags),
    tier: z.optional(z.enum(TIERS)),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, { message: 'the patch changes nothing' }))
  .register(z.globalRegistry, {
    id: 'CustomerPatch',
    description: 'JSON merge patch (RFC 7396): null removes a field.',
  });

const consent = z.object({
  granted: z.boolean(),
  source: z.string(),
  recordedAt: z.string(),
  noticeVersion: z.optional(
    z
      .object({ noticeId: z.string(), version: z.int() })
      .check(z.describe('The privacy notice version the answer was given to')),
  ),
});

export const customerSchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
    preferredLanguage: z.enum(LANGUAGES),
    preferredChannel: z.optional(z.enum(CONTACT_CHANNELS)),
    preferredContactHours: z.optional(z.object({ from: z.string(), to: z.string() })),
    consents: z.object({ surveys: consent, marketing: consent, serviceContact: consent }),
    tags: z.array(z.string()),
    tier: z.enum(TIERS),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'Customer' });

export const customerPathParams = z.strictObject({ customerId: ulidSchema });

export const listCustomersQuery = z
  .strictObject({
    email: z.optional(describe(email, 'Exact lookup by email (case-insensitive)')),
    phone: z.optional(describe(phone, 'Exact lookup by phone (any format, compared in E.164)')),
    ...pageQuery,
  })
  .check(
    z.refine((query) => !(query.email && query.phone), {
      message: 'look up by email or by phone, not both',
      path: ['phone'],
    }),
  );

export const customerPage = pageOf(customerSchema, 'CustomerPage');

export const newInteractionBody = z
  .strictObject({
    channel: z.enum(INTERACTION_CHANNELS),
    occurredAt: isoDateTime,
    need: describe(text(1, 2000), 'What the customer needed'),
    result: z.optional(describe(text(0, 2000), 'What came of it')),
    staff: z.optional(describe(text(1, 100), 'Staff member who handled it')),
  })
  .register(z.globalRegistry, { id: 'NewInteraction' });

export const interactionSchema = z
  .object({
    id: ulidSchema,
    customerId: ulidSchema,
    channel: z.enum(INTERACTION_CHANNELS),
    occurredAt: z.string(),
    need: z.string(),
    result: z.optional(z.string()),
    staff: z.optional(z.string()),
    regarding: z.optional(
      describe(
        z.object({ type: z.enum(['complaint', 'revisit', 'survey']), id: z.string() }),
        'What a contact Kefu recorded itself was about (an email on a complaint, a revisit call, a survey answer)',
      ),
    ),
    recordedAt: z.string(),
    recordedBy: z.string(),
  })
  .register(z.globalRegistry, { id: 'Interaction' });

export const interactionPage = pageOf(interactionSchema, 'InteractionPage');

export const listInteractionsQuery = z.strictObject(pageQuery);

export const timelineQuery = z.strictObject({
  kind: z.optional(describe(z.enum(TIMELINE_KINDS), 'Only lines of this kind')),
  ...pageQuery,
});

export const timelineEntrySchema = z
  .object({
    key: describe(z.string(), 'Names the fact the line comes from; stable'),
    customerId: ulidSchema,
    kind: z.enum(TIMELINE_KINDS),
    action: describe(
      z.string(),
      'contact: recorded; complaint: filed, routed, responded, resolved, closed, reopened; email: received, sent; revisit: planned, attempt, completed, unreachable, cancelled; survey: sent, answered',
    ),
    at: z.string(),
    relatedId: describe(z.string(), 'The complaint, revisit, survey or contact the line is about'),
    number: z.optional(describe(z.string(), "The complaint's number")),
    channel: z.optional(z.string()),
    direction: z.optional(z.enum(['received', 'sent'])),
    mailKind: z.optional(
      describe(z.string(), 'Emails sent: acknowledgement, response, revisit-reminder, survey, …'),
    ),
    status: z.optional(z.string()),
    score: z.optional(z.int()),
    summary: z.optional(
      describe(z.string(), "A contact's need, a complaint's subject, an email's subject"),
    ),
    detail: z.optional(describe(z.string(), "A contact's result")),
  })
  .register(z.globalRegistry, { id: 'CustomerTimelineEntry' });

export const timelinePage = pageOf(timelineEntrySchema, 'CustomerTimelinePage');
