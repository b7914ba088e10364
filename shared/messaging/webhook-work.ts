import { ULID_PATTERN } from '../domain/ids';
import * as z from '../zod';

const ulid = z.string().check(z.regex(ULID_PATTERN));

/** A message of the webhook delivery queue (shared/domain/webhooks/delivery.ts: DeliveryWork). */
export const deliveryWorkSchema = z.strictObject({
  subscriptionId: ulid,
  eventId: ulid,
  series: z.int().check(z.gte(1), z.lte(1_000_000)),
  deadLettered: z.optional(z.boolean()),
});
