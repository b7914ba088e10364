import {
  actionDeadlineNearMail,
  actionOverdueMail,
  trainingCheckpointMail,
} from '../../presentation/mail/improvement-mails';
import type { ImprovementActionRepository, TrainingRepository } from '../improvements/ports';
import { type NotificationOutcome, sendOnce } from './notification-service';
import type { NotificationDeps } from './ports';

type Deps = NotificationDeps & { actions: Pick<ImprovementActionRepository, 'get'> };
type TrainingDeps = NotificationDeps & { trainings: Pick<TrainingRepository, 'get'> };

/** The action and its owner as the mail names them; none once the action is gone. */
const alertOf = async (deps: Deps, actionId: string) => {
  const action = await deps.actions.get(actionId);
  if (!action) return undefined;
  const owner = await deps.organization.getStaffMember(action.ownerId);
  return {
    owner,
    alert: {
      actionId,
      title: action.title,
      dueAt: action.dueAt,
      ownerName: owner?.name ?? action.ownerId,
    },
  };
};

/** ImprovementActionDeadlineNear: the owner is reminded, once. */
export const remindActionOwner = async (
  deps: Deps,
  eventId: string,
  actionId: string,
): Promise<NotificationOutcome> => {
  const found = await alertOf(deps, actionId);
  if (!found) return 'nothing-to-send';
  return sendOnce(
    deps,
    eventId,
    'action-deadline-near',
    found.owner?.email,
    actionDeadlineNearMail(found.alert),
  );
};

/** ImprovementActionOverdue: the supervisor the sweep named is told, once. */
export const escalateOverdueAction = async (
  deps: Deps,
  eventId: string,
  actionId: string,
  supervisorId: string | undefined,
): Promise<NotificationOutcome> => {
  const found = await alertOf(deps, actionId);
  const supervisor = supervisorId
    ? await deps.organization.getStaffMember(supervisorId)
    : undefined;
  if (!found || !supervisor) return 'no-recipient';
  return sendOnce(
    deps,
    eventId,
    'action-overdue',
    supervisor.email,
    actionOverdueMail(supervisor.name, found.alert),
  );
};

/** TrainingCheckpointDue: its holder (the trainer, or the supervisor) is told, once. */
export const announceTrainingCheckpoint = async (
  deps: TrainingDeps,
  eventId: string,
  data: { trainingId: string; checkpoint: string; responsibleId: string },
): Promise<NotificationOutcome> => {
  const training = await deps.trainings.get(data.trainingId);
  const holder = await deps.organization.getStaffMember(data.responsibleId);
  if (!training || !holder) return 'no-recipient';
  return sendOnce(
    deps,
    eventId,
    'training-checkpoint',
    holder.email,
    trainingCheckpointMail(holder.name, training, data.checkpoint),
  );
};
