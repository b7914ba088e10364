import * as z from '../shared/zod';

const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));

/**
 * The event catalog: every domain event Kefu publishes on its bus, with the schema of its detail.
 * Details carry ids and non-personal facts only. docs/ARCHITECTURE.md lists the same catalog.
 */
export const eventCatalog = {
  CustomerCreated: {
    source: 'kefu.customers',
    description: 'A customer was added to the archive.',
    detail: z.strictObject({ customerId: ulid, version: z.int() }),
  },
  CustomerUpdated: {
    source: 'kefu.customers',
    description: 'A customer was corrected; lists the fields changed, not their values.',
    detail: z.strictObject({
      customerId: ulid,
      version: z.int(),
      changedFields: z.array(z.string()),
    }),
  },
  InteractionRecorded: {
    source: 'kefu.customers',
    description: 'A contact with a customer was recorded.',
    detail: z.strictObject({ customerId: ulid, interactionId: ulid, channel: z.string() }),
  },
} as const;

export type EventType = keyof typeof eventCatalog;

/** What consumers receive as EventBridge `detail`: the event's own detail plus its identity. */
export const busDetail = <T extends z.ZodMiniType>(detail: T) =>
  z.object({ eventId: ulid, occurredAt: z.iso.datetime(), data: detail });

export const isCatalogued = (type: string): type is EventType => Object.hasOwn(eventCatalog, type);
