/**
 * A webhook subscription: where an integrator wants Kefu's events POSTed, which ones, and the
 * secrets that sign them. Secret values stay out of the domain; a secret is known here by its id
 * and lifetime, and callers that hold values use the generic functions with their own type.
 */
export type WebhookStatus = 'active' | 'disabled' | 'failing';

export interface WebhookFilter {
  departments?: readonly string[] | undefined;
  categories?: readonly string[] | undefined;
}

export interface WebhookSecretRef {
  id: string;
  createdAt: string;
  /** Absent while the secret is the current one; set when a rotation replaces it. */
  expiresAt?: string | undefined;
}

export interface WebhookSubscription {
  id: string;
  /** The integrator client (or staff subject) that made it; only they and admins see it. */
  owner: string;
  url: string;
  eventTypes: readonly string[];
  filter?: WebhookFilter | undefined;
  description?: string | undefined;
  includeContactFields: boolean;
  /** Who asked for contact fields, and when: the choice is on record. */
  contactFieldsGrantedBy?: string | undefined;
  contactFieldsGrantedAt?: string | undefined;
  status: WebhookStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
  secrets: readonly WebhookSecretRef[];
}

/** What matching needs of an event: its type and its catalog detail (the bus detail's `data`). */
export interface MatchableEvent {
  type: string;
  data: Readonly<Record<string, unknown>>;
}

/** How long a replaced secret keeps signing after a rotation, so receivers can switch over. */
export const ROTATION_OVERLAP_SECONDS = 24 * 60 * 60;

/** An empty or absent list constrains nothing; otherwise the event must carry a listed value. */
const passes = (allowed: readonly string[] | undefined, value: unknown): boolean =>
  allowed === undefined ||
  allowed.length === 0 ||
  (typeof value === 'string' && allowed.includes(value));

/**
 * Whether an event goes to a subscription. A failing subscription keeps receiving (its next
 * success clears the flag); a disabled one receives nothing. An event that lacks a filtered field
 * (a CustomerCreated has no department) does not pass a filter on that field.
 */
export const matches = (subscription: WebhookSubscription, event: MatchableEvent): boolean =>
  subscription.status !== 'disabled' &&
  subscription.eventTypes.includes(event.type) &&
  passes(subscription.filter?.departments, event.data.department) &&
  passes(subscription.filter?.categories, event.data.category);

/** The status after a delivery ended: a success clears `failing`, giving up sets it. */
export const statusAfterDelivery = (
  status: WebhookStatus,
  ending: 'delivered' | 'gave-up',
): WebhookStatus => {
  if (status === 'disabled') return status;
  return ending === 'delivered' ? 'active' : 'failing';
};

const isValidAt = (secret: WebhookSecretRef, now: Date): boolean =>
  secret.expiresAt === undefined || Date.parse(secret.expiresAt) > now.getTime();

/** The secrets that sign (and verify) at an instant, newest first; expiry is exclusive. */
export const validSecrets = <Secret extends WebhookSecretRef>(
  secrets: readonly Secret[],
  now: Date,
): Secret[] =>
  secrets
    .filter((secret) => isValidAt(secret, now))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

/**
 * Puts a new secret (without `expiresAt`) first. Secrets still valid expire
 * ROTATION_OVERLAP_SECONDS from now (or earlier, if an earlier rotation said so); expired ones
 * are dropped.
 */
export const rotateSecrets = <Secret extends WebhookSecretRef>(
  secrets: readonly Secret[],
  newSecret: Secret,
  now: Date,
): Secret[] => {
  const overlapEnd = now.getTime() + ROTATION_OVERLAP_SECONDS * 1000;
  const retiring = validSecrets(secrets, now).map((secret) => {
    const expiresAt =
      secret.expiresAt === undefined
        ? overlapEnd
        : Math.min(Date.parse(secret.expiresAt), overlapEnd);
    return { ...secret, expiresAt: new Date(expiresAt).toISOString() };
  });
  return [newSecret, ...retiring];
};
