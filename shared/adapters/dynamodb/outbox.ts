import type { DomainEvent } from '../../domain/events';
import { keys } from './keys';

export const OUTBOX_ENTITY = 'OutboxEvent';
/** Outbox items only need to live until the stream has published them; a week leaves room to replay. */
const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;

export const outboxPut = (table: string, event: DomainEvent) => ({
  Put: {
    TableName: table,
    Item: {
      ...keys.outboxEvent(event.id),
      entityType: OUTBOX_ENTITY,
      event,
      ttl: Math.floor(Date.parse(event.occurredAt) / 1000) + OUTBOX_RETENTION_SECONDS,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
