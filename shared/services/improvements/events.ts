import type { DomainEvent } from '../../domain/events';
import type { IdSource } from '../../domain/ids';
import type { ImprovementAction } from '../../domain/improvements/action';
import type { Training } from '../../domain/improvements/training';

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

/** A training's event, with its department and trainer for routing. */
export const trainingEvent = (
  ids: IdSource,
  type: string,
  training: Training,
  at: string,
  extra: Record<string, unknown>,
): DomainEvent => ({
  id: ids.next(),
  source: 'kefu.improvements',
  type,
  occurredAt: at,
  detail: {
    trainingId: training.id,
    department: training.department,
    trainerId: training.trainerId,
    ...extra,
  },
});
