/**
 * The body Kefu POSTs: `{ id, type, time, data }`. `data` is the event's catalog detail — ids and
 * non-personal facts — and gains a `customer` object of contact fields only for subscriptions that
 * asked for them. The serialization is canonical (object keys sorted, at every depth), so an event
 * yields the same bytes on every attempt however its detail was read back.
 */
export interface WebhookSourceEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  data: Readonly<Record<string, unknown>>;
}

/** Contact fields the caller loads (and logs the access to) for opted-in subscriptions. */
export interface WebhookCustomerContact {
  id: string;
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  preferredLanguage?: string | undefined;
}

export interface WebhookPayload {
  id: string;
  type: string;
  time: string;
  data: Record<string, unknown>;
}

/** The customer an event is about, whose contact fields an opted-in subscription receives. */
export const customerIdOf = (event: WebhookSourceEvent): string | undefined =>
  typeof event.data.customerId === 'string' ? event.data.customerId : undefined;

export const buildWebhookPayload = (
  event: WebhookSourceEvent,
  subscription: { includeContactFields: boolean },
  customer?: WebhookCustomerContact,
): WebhookPayload => ({
  id: event.eventId,
  type: event.type,
  time: event.occurredAt,
  data:
    subscription.includeContactFields && customer !== undefined
      ? { ...event.data, customer }
      : { ...event.data },
});

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  if ('toJSON' in value && typeof value.toJSON === 'function') return canonical(value.toJSON());
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, entry]) => [key, canonical(entry)]),
  );
};

/** The exact body bytes (as a string): envelope fields in a fixed order, everything else sorted. */
export const serializeWebhookPayload = (payload: WebhookPayload): string =>
  JSON.stringify({
    id: payload.id,
    type: payload.type,
    time: payload.time,
    data: canonical(payload.data),
  });
