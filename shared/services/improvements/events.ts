import type { DomainEvent } from '../../domain/events';
import type { IdSource } from '../../domain/ids';
import type { ImprovementAction } from '../../domain/improvements/action';

/** An improvement action's event, with the facts every subscriber needs to route it. */
export const actionEvent = (
  ids: IdSource,
  type: string,
  action: ImprovementAction,
  at: string,
  extra: Record<string, unknown> = {},
): DomainEvent => ({
  id: ids.next(),
  source: 'kefu.improvements',
  type,
  occurredAt: at,
  detail: {
    actionId: action.id,
    department: action.department,
    ownerId: action.ownerId,
    status: action.status,
    dueAt: action.dueAt,
    ...extra,
  },
});
