import { type ParsedBusEvent, parseBusEvent } from './bus-event';
import { workConsumer } from './work-consumer';

/**
 * A queue consumer of bus events with partial batch failure: each message is parsed and handled
 * on its own; one that throws is retried alone and, after the queue's maxReceiveCount, lands in
 * the DLQ. The reason is logged (ids only, never message bodies).
 */
export const busEventConsumer = (
  name: string,
  handle: (event: ParsedBusEvent) => Promise<string>,
) =>
  workConsumer(name, parseBusEvent, handle, (event) => ({
    eventId: event.eventId,
    type: event.type,
    // The ids a reader follows a case by through every consumer's lines (never personal data).
    ...idsOf(event.data),
  }));

const FOLLOWED_IDS = ['complaintId', 'surveyId', 'revisitId'] as const;

const idsOf = (data: unknown): Record<string, string> =>
  Object.fromEntries(
    FOLLOWED_IDS.flatMap((key) => {
      const value = (data as Record<string, unknown> | null)?.[key];
      return typeof value === 'string' ? [[key, value]] : [];
    }),
  );
