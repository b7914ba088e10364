import type { DomainEvent } from '../../domain/events';
import type { IdSource } from '../../domain/ids';

/** A survey event for the outbox (source `kefu.surveys`). */
export const surveyEvent = (
  ids: IdSource,
  type: string,
  at: string,
  detail: Record<string, unknown>,
): DomainEvent => ({ id: ids.next(), source: 'kefu.surveys', type, occurredAt: at, detail });
