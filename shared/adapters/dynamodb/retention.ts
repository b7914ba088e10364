import { TABLE_DESIGN } from './table-design';

/**
 * How long personal records are kept before DynamoDB's TTL deletes them, in days, from the
 * environment (the CDK stage settings) with the defaults of the standards' archive rules.
 */
const RETENTION = {
  /** Closed complaints and their timelines, counted from closing (resp. from each entry). */
  complaints: ['COMPLAINT_RETENTION_DAYS', 1_095],
  /** Interactions (contact records), counted from when they happened. */
  interactions: ['INTERACTION_RETENTION_DAYS', 1_095],
  /** Access-log records, counted from the access. */
  audit: ['AUDIT_RETENTION_DAYS', 2_190],
  /** Webhook deliveries and their attempts (ids and statuses, no personal data), from the last change. */
  webhookDeliveries: ['WEBHOOK_DELIVERY_RETENTION_DAYS', 30],
} as const;

export type RetainedKind = keyof typeof RETENTION;

export const retentionDays = (kind: RetainedKind): number => {
  const [variable, fallback] = RETENTION[kind];
  const configured = Number(process.env[variable]);
  return Number.isInteger(configured) && configured > 0 ? configured : fallback;
};

/** The TTL attribute for a record of `kind` whose retention starts at `from` (ISO instant). */
export const expiresAfterRetention = (kind: RetainedKind, from: string) => ({
  [TABLE_DESIGN.ttlAttribute]: Math.floor(Date.parse(from) / 1000) + retentionDays(kind) * 86_400,
});
