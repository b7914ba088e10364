import { eventCatalog, type EventType } from '../../events/catalog';
import * as z from '../zod';

/** An EventBridge event as a rule delivers it to SQS, with Kefu's detail envelope. */
const busEnvelope = z.object({
  id: z.string(),
  source: z.string(),
  'detail-type': z.string(),
  time: z.string(),
  detail: z.object({ eventId: z.string(), occurredAt: z.string(), data: z.unknown() }),
});

/** A validated event; switching on `type` narrows `data` to that event's detail. */
export type ParsedBusEvent = {
  [T in EventType]: {
    type: T;
    eventId: string;
    occurredAt: string;
    data: z.output<(typeof eventCatalog)[T]['detail']>;
  };
}[EventType];

export class MalformedMessage extends Error {
  override name = 'MalformedMessage';
}

/** Reads and validates an SQS body holding a catalogued bus event; throws MalformedMessage. */
export const parseBusEvent = (body: string): ParsedBusEvent => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedMessage('the message body is not JSON');
  }
  const envelope = busEnvelope.safeParse(json);
  if (!envelope.success) throw new MalformedMessage('the message is not an EventBridge event');
  const type = envelope.data['detail-type'];
  if (!Object.hasOwn(eventCatalog, type)) throw new MalformedMessage(`unknown event type ${type}`);
  const schema = eventCatalog[type as EventType].detail;
  const data = schema.safeParse(envelope.data.detail.data);
  if (!data.success) throw new MalformedMessage(`the ${type} detail does not match its schema`);
  return {
    type: type as EventType,
    eventId: envelope.data.detail.eventId,
    occurredAt: envelope.data.detail.occurredAt,
    data: data.data,
  } as ParsedBusEvent;
};
