import * as z from '../shared/zod';

/** An outbox item as it appears (unmarshalled) in the table's stream. */
export const outboxRecord = z.object({
  entityType: z.literal('OutboxEvent'),
  event: z.object({
    id: z.string(),
    source: z.string().check(z.startsWith('kefu.')),
    type: z.string(),
    occurredAt: z.iso.datetime(),
    detail: z.record(z.string(), z.unknown()),
  }),
});
