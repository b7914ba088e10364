import type { WebhookDelivery } from './delivery';
import {
  rotateSecrets,
  type WebhookFilter,
  type WebhookSecretRef,
  type WebhookSubscription,
} from './subscription';

/** Secrets signing at once after rotations: each adds a signature to every request. */
export const MAX_SIGNING_SECRETS = 3;

/** A JSON merge patch of a subscription: `null` removes an optional field. */
export interface WebhookPatch {
  url?: string | undefined;
  eventTypes?: string[] | undefined;
  filter?: WebhookFilter | null | undefined;
  description?: string | null | undefined;
  includeContactFields?: boolean | undefined;
  status?: 'active' | 'disabled' | undefined;
}

type Subscription = Omit<WebhookSubscription, 'secrets'>;

/** Who asked for contact fields, and when: the choice is on record. */
export const contactGrant = (subject: string, now: Date) => ({
  contactFieldsGrantedBy: subject,
  contactFieldsGrantedAt: now.toISOString(),
});

/**
 * The subscription after `patch` (by `subject`): a first grant of contact fields is recorded, a
 * withdrawal drops the record, `null` removes the filter or the description; next version.
 */
export const patchSubscription = <S extends Subscription>(
  stored: S,
  patch: WebhookPatch,
  subject: string,
  now: Date,
): S => {
  const grantsContact = patch.includeContactFields === true && !stored.includeContactFields;
  const next: S = {
    ...stored,
    ...(patch.url === undefined ? {} : { url: patch.url }),
    ...(patch.eventTypes === undefined ? {} : { eventTypes: [...new Set(patch.eventTypes)] }),
    ...(patch.filter === undefined || patch.filter === null ? {} : { filter: patch.filter }),
    ...(patch.description === undefined || patch.description === null
      ? {}
      : { description: patch.description }),
    ...(patch.status === undefined ? {} : { status: patch.status }),
    ...(patch.includeContactFields === undefined
      ? {}
      : { includeContactFields: patch.includeContactFields }),
    ...(grantsContact ? contactGrant(subject, now) : {}),
    updatedAt: now.toISOString(),
    version: stored.version + 1,
  };
  if (patch.includeContactFields === false) {
    delete next.contactFieldsGrantedBy;
    delete next.contactFieldsGrantedAt;
  }
  if (patch.filter === null || next.filter === undefined) delete next.filter;
  if (patch.description === null || next.description === undefined) delete next.description;
  return next;
};

/**
 * The subscription signing with `secret` first; the ones before keep signing for the overlap.
 * Rotating again and again within the overlap retires the oldest secrets early.
 */
export const rotateSubscriptionSecret = <
  Secret extends WebhookSecretRef,
  S extends Subscription & { secrets: readonly Secret[] },
>(
  stored: S,
  secret: Secret,
  now: Date,
): S => ({
  ...stored,
  secrets: rotateSecrets(stored.secrets, secret, now).slice(0, MAX_SIGNING_SECRETS),
  updatedAt: now.toISOString(),
  version: stored.version + 1,
});

/** A delivery that will not be attempted again (its subscription was disabled). */
export const cancelDelivery = (delivery: WebhookDelivery, now: Date): WebhookDelivery => ({
  ...delivery,
  status: 'cancelled',
  updatedAt: now.toISOString(),
  version: delivery.version + 1,
});
