import { DomainError, invalidReference, notFound } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import {
  mayRedeliver,
  startNextSeries,
  type WebhookDelivery,
} from '../../domain/webhooks/delivery';
import {
  contactGrant,
  patchSubscription,
  rotateSubscriptionSecret,
  type WebhookPatch,
} from '../../domain/webhooks/transitions';
import {
  type WebhookFilter,
  type WebhookSecretRef,
  type WebhookSubscription,
} from '../../domain/webhooks/subscription';
import type { TargetRefusal } from '../../domain/webhooks/target-address';
import { queuedDelivery } from './delivery-messages';
import type { SealedSecret, StoredSubscription, WebhookSubscriptionDeps } from './ports';

export type { WebhookPatch } from '../../domain/webhooks/transitions';

/** Enough for every system an integrator connects, small enough to fan out to on every event. */
export const MAX_SUBSCRIPTIONS_PER_OWNER = 25;

/** Who is asking: integrators see their own subscriptions, admins everyone's. */
export interface WebhookCaller {
  owner: string;
  subject: string;
  admin: boolean;
}

export interface NewWebhook {
  url: string;
  eventTypes: string[];
  filter?: WebhookFilter | undefined;
  description?: string | undefined;
  includeContactFields?: boolean | undefined;
}

/** A subscription as the API shows it: secrets by id and lifetime, never their values. */
export type WebhookView = WebhookSubscription;

export interface DeliveryView {
  eventId: string;
  type: string;
  occurredAt: string;
  status: WebhookDelivery['status'];
  series: number;
  attempts: WebhookDelivery['attempts'];
  createdAt: string;
  updatedAt: string;
}

const REFUSALS: Record<TargetRefusal, string> = {
  'too-long': 'The URL is too long.',
  'not-a-url': 'This is not an absolute URL.',
  'scheme-not-allowed': 'Webhook targets must use https (http is allowed only locally).',
  'credentials-in-url': 'Put no user name or password in the URL; verify signatures instead.',
  'host-not-allowed': 'Local host names are not allowed as webhook targets.',
  'address-not-allowed':
    'The target resolves to a private, loopback, link-local or otherwise non-public address.',
  'no-address': 'The host name has no address.',
};

const secretRef = ({ id, createdAt, expiresAt }: SealedSecret): WebhookSecretRef => ({
  id,
  createdAt,
  ...(expiresAt === undefined ? {} : { expiresAt }),
});

export const viewOf = (stored: StoredSubscription): WebhookView => ({
  ...stored,
  secrets: stored.secrets.map(secretRef),
});

export const deliveryView = (delivery: WebhookDelivery): DeliveryView => ({
  eventId: delivery.eventId,
  type: delivery.event.type,
  occurredAt: delivery.event.occurredAt,
  status: delivery.status,
  series: delivery.series,
  attempts: delivery.attempts,
  createdAt: delivery.createdAt,
  updatedAt: delivery.updatedAt,
});

const checkTarget = async (deps: WebhookSubscriptionDeps, url: string): Promise<void> => {
  const check = await deps.targets.check(url);
  if (!check.ok) throw invalidReference('/url', REFUSALS[check.reason]);
};

const newSecret = async (deps: WebhookSubscriptionDeps, subscriptionId: string, now: Date) => {
  const value = deps.vault.generate();
  const id = deps.ids.next();
  const sealed = await deps.vault.seal(subscriptionId, id, value);
  return { value, secret: { id, createdAt: now.toISOString(), sealed } satisfies SealedSecret };
};

/** The caller's own subscription (any, for admins); another's reads as not found. */
export const ownedSubscription = async (
  deps: Pick<WebhookSubscriptionDeps, 'webhooks'>,
  caller: WebhookCaller,
  id: string,
): Promise<StoredSubscription> => {
  const stored = await deps.webhooks.get(id);
  if (!stored || (!caller.admin && stored.owner !== caller.owner)) {
    throw notFound('Webhook subscription', id);
  }
  return stored;
};

export const createWebhook = async (
  deps: WebhookSubscriptionDeps,
  caller: WebhookCaller,
  input: NewWebhook,
): Promise<{ webhook: WebhookView; secret: string }> => {
  await checkTarget(deps, input.url);
  const owned = (await deps.webhooks.list()).filter((sub) => sub.owner === caller.owner);
  if (owned.length >= MAX_SUBSCRIPTIONS_PER_OWNER) {
    throw new DomainError(
      'rule-violated',
      `A client may hold at most ${MAX_SUBSCRIPTIONS_PER_OWNER} webhook subscriptions; delete one first.`,
      { limit: MAX_SUBSCRIPTIONS_PER_OWNER },
    );
  }
  const now = deps.clock.now();
  const id = deps.ids.next();
  const { value, secret } = await newSecret(deps, id, now);
  const includeContactFields = input.includeContactFields ?? false;
  const stored: StoredSubscription = {
    id,
    owner: caller.owner,
    url: input.url,
    eventTypes: [...new Set(input.eventTypes)],
    ...(input.filter ? { filter: input.filter } : {}),
    ...(input.description ? { description: input.description } : {}),
    includeContactFields,
    ...(includeContactFields ? contactGrant(caller.subject, now) : {}),
    status: 'active',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
    secrets: [secret],
  };
  await deps.webhooks.create(stored);
  return { webhook: viewOf(stored), secret: value };
};

export const listWebhooks = async (
  deps: Pick<WebhookSubscriptionDeps, 'webhooks'>,
  caller: WebhookCaller,
): Promise<WebhookView[]> =>
  (await deps.webhooks.list())
    .filter((sub) => caller.admin || sub.owner === caller.owner)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(viewOf);

export const getWebhook = async (
  deps: Pick<WebhookSubscriptionDeps, 'webhooks'>,
  caller: WebhookCaller,
  id: string,
): Promise<WebhookView> => viewOf(await ownedSubscription(deps, caller, id));

const stale = () =>
  new DomainError('stale-version', 'The subscription was changed meanwhile; read it again.');

export const updateWebhook = async (
  deps: WebhookSubscriptionDeps,
  caller: WebhookCaller,
  id: string,
  expectedVersion: number,
  patch: WebhookPatch,
): Promise<WebhookView> => {
  const stored = await ownedSubscription(deps, caller, id);
  if (stored.version !== expectedVersion) throw stale();
  if (patch.url !== undefined) await checkTarget(deps, patch.url);
  const next = patchSubscription(stored, patch, caller.subject, deps.clock.now());
  await deps.webhooks.update(next);
  return viewOf(next);
};

export const deleteWebhook = async (
  deps: Pick<WebhookSubscriptionDeps, 'webhooks'>,
  caller: WebhookCaller,
  id: string,
): Promise<void> => {
  await ownedSubscription(deps, caller, id);
  await deps.webhooks.delete(id);
};

/** A new current secret; the ones before keep signing for the overlap (24 hours at most). */
export const rotateWebhookSecret = async (
  deps: WebhookSubscriptionDeps,
  caller: WebhookCaller,
  id: string,
): Promise<{ webhook: WebhookView; secret: string }> => {
  const stored = await ownedSubscription(deps, caller, id);
  const now = deps.clock.now();
  const { value, secret } = await newSecret(deps, id, now);
  const next = rotateSubscriptionSecret(stored, secret, now);
  await deps.webhooks.update(next);
  return { webhook: viewOf(next), secret: value };
};

export const listDeliveries = async (
  deps: Pick<WebhookSubscriptionDeps, 'webhooks'>,
  caller: WebhookCaller,
  id: string,
  page: PageRequest,
): Promise<Page<DeliveryView>> => {
  await ownedSubscription(deps, caller, id);
  const found = await deps.webhooks.listDeliveries(id, page);
  return { items: found.items.map(deliveryView), next: found.next };
};

/**
 * Starts the delivery of an event again (a new series of attempts with its own 24-hour window).
 * A delivery still being attempted is left to finish: starting it twice would send it twice.
 */
export const redeliverWebhook = async (
  deps: WebhookSubscriptionDeps,
  caller: WebhookCaller,
  id: string,
  eventId: string,
): Promise<DeliveryView> => {
  const subscription = await ownedSubscription(deps, caller, id);
  if (subscription.status === 'disabled') {
    throw new DomainError('rule-violated', 'The subscription is disabled; enable it first.', {
      status: subscription.status,
    });
  }
  const delivery = await deps.webhooks.getDelivery(id, eventId);
  if (!delivery) throw notFound(`Delivery to webhook ${id} of event`, eventId);
  const now = deps.clock.now();
  if (!mayRedeliver(delivery, now)) {
    throw new DomainError(
      'rule-violated',
      'The event is still being delivered; redeliver it once it was delivered or failed.',
      { status: delivery.status },
    );
  }
  const next = startNextSeries(delivery, now);
  await deps.webhooks.saveDelivery(next, delivery.version);
  await deps.queue.enqueue([queuedDelivery(next)]);
  return deliveryView(next);
};
