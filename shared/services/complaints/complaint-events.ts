import type { TimelineEntry } from '../../domain/complaints/complaint';
import type { ComplaintStatus } from '../../domain/complaints/lifecycle';
import type { DomainEvent } from '../../domain/events';
import type { IdSource } from '../../domain/ids';

export const complaintEvent = (
  ids: IdSource,
  type: string,
  at: string,
  detail: Record<string, unknown>,
): DomainEvent => ({ id: ids.next(), source: 'kefu.complaints', type, occurredAt: at, detail });

export const timelineEntry = (
  ids: IdSource,
  complaintId: string,
  at: string,
  actor: string,
  action: string,
  change: {
    from?: ComplaintStatus | undefined;
    to?: ComplaintStatus | undefined;
    note?: string | undefined;
    details?: Record<string, unknown> | undefined;
    id?: string | undefined;
  } = {},
): TimelineEntry => ({
  id: change.id ?? ids.next(),
  complaintId,
  at,
  actor,
  action,
  ...(change.from && change.from !== change.to ? { fromStatus: change.from } : {}),
  ...(change.to && change.from !== change.to ? { toStatus: change.to } : {}),
  ...(change.note ? { note: change.note } : {}),
  ...(change.details ? { details: change.details } : {}),
});
