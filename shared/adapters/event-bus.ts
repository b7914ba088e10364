import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '../domain/events';
import { ENVIRONMENT, requiredVariable } from './environment';

let client: EventBridgeClient | undefined;

export class EventPublishFailed extends Error {}

/** Publishes domain events to the Kefu bus; the local runtime answers the same API. */
export const publishEvents = async (events: DomainEvent[]): Promise<void> => {
  if (events.length === 0) return;
  client ??= new EventBridgeClient({});
  const busName = requiredVariable(ENVIRONMENT.eventBus);
  const result = await client.send(
    new PutEventsCommand({
      Entries: events.map((event) => ({
        EventBusName: busName,
        Source: event.source,
        DetailType: event.type,
        Time: new Date(event.occurredAt),
        Detail: JSON.stringify({
          eventId: event.id,
          occurredAt: event.occurredAt,
          data: event.detail,
        }),
      })),
    }),
  );
  if (result.FailedEntryCount) {
    throw new EventPublishFailed(
      `${result.FailedEntryCount} of ${events.length} events were not accepted`,
    );
  }
};
