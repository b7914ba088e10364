import { z } from 'zod';
import { normalizeEmail, normalizePhone } from '../../domain/customers/contact';
import { CONTACT_CHANNELS, LANGUAGES, TIERS } from '../../domain/customers/customer';
import { INTERACTION_CHANNELS } from '../../domain/customers/interaction';
import { isoDateTime, pageOf, pageQuery, ulidSchema } from './common';

const name = z.string().trim().min(1).max(200);

const email = z
  .email()
  .max(254)
  .transform(normalizeEmail)
  .meta({ examples: ['li.wei@example.com'] });

const phone = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const normalized = normalizePhone(value);
    if (normalized.ok) return normalized.e164;
    ctx.addIssue({
      code: 'custom',
      message: `${normalized.reason}; give it in E.164 form such as +8613800138000`,
    });
    return z.NEVER;
  })
  .meta({
    description: 'Normalized to E.164; numbers without a country code are read as mainland China.',
    example: '+8613800138000',
  });

const consentInput = z.strictObject({
  granted: z.boolean(),
  source: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe('Where consent was given, e.g. "web-form", "call-centre"'),
  at: isoDateTime.optional().describe('When consent was given; defaults to now'),
});

const consentsInput = z.strictObject({
  surveys: consentInput.optional(),
  marketing: consentInput.optional(),
});

const tags = z.array(z.string().trim().min(1).max(50)).max(50);

export const createCustomerBody = z
  .strictObject({
    name,
    email: email.optional(),
    phone: phone.optional(),
    preferredLanguage: z.enum(LANGUAGES).optional(),
    preferredChannel: z.enum(CONTACT_CHANNELS).optional(),
    consents: consentsInput.optional(),
    tags: tags.optional(),
    tier: z.enum(TIERS).optional(),
  })
  .refine((body) => body.email !== undefined || body.phone !== undefined, {
    message: 'give an email or a phone number (or both)',
    path: ['email'],
  })
  .meta({ id: 'NewCustomer' });

export const updateCustomerBody = z
  .strictObject({
    name: name.optional(),
    email: email.nullable().optional(),
    phone: phone.nullable().optional(),
    preferredLanguage: z.enum(LANGUAGES).optional(),
    preferredChannel: z.enum(CONTACT_CHANNELS).nullable().optional(),
    consents: consentsInput.optional(),
    tags: tags.optional(),
    tier: z.enum(TIERS).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'the patch changes nothing' })
  .meta({ id: 'CustomerPatch', description: 'JSON merge patch (RFC 7396): null removes a field.' });

const consent = z.object({ granted: z.boolean(), source: z.string(), recordedAt: z.string() });

export const customerSchema = z
  .object({
    id: ulidSchema,
    name: z.string(),
    email: z.string().optional(),
    phone: z.string().optional(),
    preferredLanguage: z.enum(LANGUAGES),
    preferredChannel: z.enum(CONTACT_CHANNELS).optional(),
    consents: z.object({ surveys: consent, marketing: consent }),
    tags: z.array(z.string()),
    tier: z.enum(TIERS),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Customer' });

export const customerPathParams = z.strictObject({ customerId: ulidSchema });

export const listCustomersQuery = z
  .strictObject({
    email: email.optional().describe('Exact lookup by email (case-insensitive)'),
    phone: phone.optional().describe('Exact lookup by phone (any format, compared in E.164)'),
    ...pageQuery,
  })
  .refine((query) => !(query.email && query.phone), {
    message: 'look up by email or by phone, not both',
    path: ['phone'],
  });

export const customerPage = pageOf(customerSchema, 'CustomerPage');

export const newInteractionBody = z
  .strictObject({
    channel: z.enum(INTERACTION_CHANNELS),
    occurredAt: isoDateTime,
    need: z.string().trim().min(1).max(2000).describe('What the customer needed'),
    result: z.string().trim().max(2000).optional().describe('What came of it'),
    staff: z.string().trim().min(1).max(100).optional().describe('Staff member who handled it'),
  })
  .meta({ id: 'NewInteraction' });

export const interactionSchema = z
  .object({
    id: ulidSchema,
    customerId: ulidSchema,
    channel: z.enum(INTERACTION_CHANNELS),
    occurredAt: z.string(),
    need: z.string(),
    result: z.string().optional(),
    staff: z.string().optional(),
    recordedAt: z.string(),
    recordedBy: z.string(),
  })
  .meta({ id: 'Interaction' });

export const interactionPage = pageOf(interactionSchema, 'InteractionPage');

export const listInteractionsQuery = z.strictObject(pageQuery);
