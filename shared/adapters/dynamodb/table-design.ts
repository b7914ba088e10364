/**
 * The single table's physical design: key attribute names, indexes and the TTL attribute. The CDK
 * stack and the local runtime both create the table from this, so they cannot drift.
 */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  /** Overloaded indexes; which item uses which is in docs/ARCHITECTURE.md (access patterns). */
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
    { name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk' },
  ],
} as const;

/** Idempotency records live apart so retries never crowd a hot partition of the main table. */
export const IDEMPOTENCY_TABLE_DESIGN = {
  partitionKey: 'id',
  ttlAttribute: 'expiration',
} as const;
