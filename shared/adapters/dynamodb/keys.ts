/** Key shapes of every item type; the access-pattern table in docs/ARCHITECTURE.md mirrors this. */
export const keys = {
  customer: (id: string) => ({ pk: `CUSTOMER#${id}`, sk: 'PROFILE' }),
  customerList: (id: string) => ({ gsi1pk: 'CUSTOMERS', gsi1sk: id }),
  contactGuard: (kind: 'email' | 'phone', value: string) => ({
    pk: `${kind.toUpperCase()}#${value}`,
    sk: 'GUARD',
  }),
  interaction: (customerId: string, occurredAt: string, id: string) => ({
    pk: `CUSTOMER#${customerId}`,
    sk: `INTERACTION#${occurredAt}#${id}`,
  }),
  interactionPrefix: 'INTERACTION#',
  outboxEvent: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' }),
} as const;

const STORAGE_ATTRIBUTES = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'entityType',
  'ttl',
]);

/** Removes storage-only attributes so items map back to domain objects. */
export const withoutKeys = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name))) as T;
