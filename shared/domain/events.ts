/**
 * A past-tense fact, written in the same transaction as the change it describes (the outbox) and
 * published to the event bus from the table's stream. It carries ids, never personal data.
 */
export interface DomainEvent<Detail extends object = Record<string, unknown>> {
  id: string;
  source: `kefu.${string}`;
  type: string;
  occurredAt: string;
  detail: Detail;
}
