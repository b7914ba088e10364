import { eventCatalog, type EventType } from '../../../events/catalog';
import { CATEGORIES } from '../../domain/complaints/complaint';
import { MAX_TARGET_URL_LENGTH } from '../../domain/webhooks/target-address';
import { DEPARTMENT_IDS } from '../../domain/organization/departments';
import * as z from '../../zod';
import { describe, pageOf, pageQuery, text, ulidSchema } from './common';

const EVENT_TYPES = Object.keys(eventCatalog) as [EventType, ...EventType[]];

const url = describe(
  z.string().check(z.minLength(1), z.maxLength(MAX_TARGET_URL_LENGTH)),
  'Where events are POSTed: https (http only on the local runtime). Redirects are not followed; ' +
    'private, loopback and link-local addresses are refused.',
);

/** A list that constrains: never empty (an empty one would read as "everything"), no repeats. */
const distinctList = <T extends z.ZodMiniType<string>>(item: T, max: number) =>
  z.array(item).check(
    z.minLength(1),
    z.maxLength(max),
    z.refine((values) => new Set(values).size === values.length, {
      message: 'lists each value once',
    }),
  );

const eventTypes = describe(
  distinctList(z.enum(EVENT_TYPES), EVENT_TYPES.length),
  'Event types of the event catalog to receive.',
);

const filter = z
  .strictObject({
    departments: z.optional(distinctList(z.enum(DEPARTMENT_IDS), DEPARTMENT_IDS.length)),
    categories: z.optional(distinctList(z.enum(CATEGORIES), CATEGORIES.length)),
  })
  .check(
    z.refine((value) => Object.keys(value).length > 0, {
      message: 'a filter names departments, categories or both',
    }),
  )
  .register(z.globalRegistry, {
    id: 'WebhookFilter',
    description:
      'Only events about these departments or categories. Events that carry no department ' +
      '(or category) do not pass a filter on it.',
  });

const includeContactFields = describe(
  z.boolean(),
  "Add the customer's contact fields (name, email, phone, language) to events about a customer. " +
    "Off by default; every delivery that carries them is recorded in the customer's access log.",
);

export const newWebhookBody = z
  .strictObject({
    url,
    eventTypes,
    filter: z.optional(filter),
    description: z.optional(text(1, 500)),
    includeContactFields: z.optional(includeContactFields),
  })
  .register(z.globalRegistry, { id: 'NewWebhook' });

export const webhookPatchBody = z
  .strictObject({
    url: z.optional(url),
    eventTypes: z.optional(eventTypes),
    filter: z.optional(z.nullable(filter)),
    description: z.optional(z.nullable(text(1, 500))),
    includeContactFields: z.optional(includeContactFields),
    status: z.optional(
      describe(
        z.enum(['active', 'disabled']),
        'disabled: nothing is delivered (deliveries under way are cancelled); active: resume, ' +
          'which also clears `failing`.',
      ),
    ),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, { message: 'the patch changes nothing' }))
  .register(z.globalRegistry, {
    id: 'WebhookPatch',
    description: 'JSON merge patch (RFC 7396): null removes a field.',
  });

export const webhookSchema = z
  .object({
    id: ulidSchema,
    owner: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    filter: z.optional(
      z.object({
        departments: z.optional(z.array(z.string())),
        categories: z.optional(z.array(z.string())),
      }),
    ),
    description: z.optional(z.string()),
    includeContactFields: z.boolean(),
    contactFieldsGrantedBy: z.optional(z.string()),
    contactFieldsGrantedAt: z.optional(z.string()),
    status: describe(
      z.enum(['active', 'disabled', 'failing']),
      'failing: a delivery was given up on (it is in the DLQ); the next success clears it.',
    ),
    secrets: z.array(
      z.object({ id: z.string(), createdAt: z.string(), expiresAt: z.optional(z.string()) }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.int(),
  })
  .register(z.globalRegistry, { id: 'Webhook' });

export const webhookWithSecretSchema = z
  .object({
    webhook: webhookSchema,
    secret: describe(
      z.string(),
      'The signing secret (whsec_…), shown this once. Verify `webhook-signature` with it.',
    ),
  })
  .register(z.globalRegistry, { id: 'WebhookWithSecret' });

export const webhookListSchema = z
  .object({ items: z.array(webhookSchema) })
  .register(z.globalRegistry, { id: 'WebhookList' });

export const webhookPathParams = z.strictObject({ webhookId: ulidSchema });

export const deliveryAttemptSchema = z.object({
  series: z.int(),
  number: z.int(),
  at: z.string(),
  durationMs: z.number(),
  outcome: z.enum(['delivered', 'retry', 'give-up']),
  status: z.optional(z.int()),
  error: z.optional(z.string()),
  nextAttemptAt: z.optional(z.string()),
});

export const deliverySchema = z
  .object({
    eventId: z.string(),
    type: z.string(),
    occurredAt: z.string(),
    status: z.enum(['pending', 'retrying', 'delivered', 'failed', 'cancelled']),
    series: describe(z.int(), 'Redeliveries start a new series of attempts.'),
    attempts: z.array(deliveryAttemptSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'WebhookDelivery' });

export const deliveryPage = pageOf(deliverySchema, 'WebhookDeliveryPage');
export const deliveriesQuery = z.strictObject(pageQuery);

export const redeliverBody = z
  .strictObject({ eventId: describe(ulidSchema, 'The `id` of the event (`webhook-id`).') })
  .register(z.globalRegistry, { id: 'Redelivery' });
