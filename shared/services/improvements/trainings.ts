import type { ComplaintActor } from '../../domain/complaints/access';
import { DomainError, invalidReference, notFound } from '../../domain/errors';
import { directsDepartment } from '../../domain/improvements/access';
import {
  checkpointsFallingDue,
  markReminded,
  type NewTraining,
  planTraining,
  recordTaskResult,
  type AttendeeTracking,
  TRAINING_CHECKPOINTS,
  type Training,
  type TrainingCheckpointName,
  type TrainingTask,
  trackingWindows,
} from '../../domain/improvements/training';
import { canSeeTraining, mayRecordResults } from '../../domain/improvements/training-access';
import { responsibleSupervisor } from '../../domain/organization/department';
import { trainingEvent } from './events';
import { measureWindow } from './figure-windows';
import type { ImprovementServiceDeps } from './ports';

export const visibleTraining = async (
  deps: ImprovementServiceDeps,
  actor: ComplaintActor,
  id: string,
): Promise<Training> => {
  const training = await deps.trainings.get(id);
  if (!training || !canSeeTraining(actor, training)) throw notFound('Training', id);
  return training;
};

/**
 * Plans a training and its evaluation cycle (seed 002 §1.1.43): a supervisor of the department or
 * an admin names the trainer and the attendees (staff on the archive), the figures it should move
 * and, if it is one, the improvement action it is a measure of.
 */
export const planTrainingCycle = async (
  deps: ImprovementServiceDeps,
  actor: ComplaintActor,
  input: NewTraining,
): Promise<Training> => {
  if (!directsDepartment(actor, input.department)) {
    throw new DomainError(
      'rule-violated',
      `Only a supervisor of ${input.department} or an admin plans its trainings.`,
      { fields: ['department'] },
    );
  }
  const people = [input.trainerId, ...input.attendees];
  const members = await Promise.all(people.map((id) => deps.organization.getStaffMember(id)));
  const missing = people.findIndex((_, index) => {
    const member = members[index];
    return !member || member.removedAt !== undefined;
  });
  if (missing >= 0) {
    throw invalidReference(
      missing === 0 ? '/trainerId' : `/attendees/${missing - 1}`,
      `Staff member ${people[missing]} does not exist.`,
    );
  }
  if (input.improvementActionId) {
    const action = await deps.actions.get(input.improvementActionId);
    if (!action || action.department !== input.department) {
      throw invalidReference(
        '/improvementActionId',
        `Improvement action ${input.improvementActionId} of ${input.department} does not exist.`,
      );
    }
  }
  const department = await deps.organization.getDepartment(input.department);
  const supervisorId = responsibleSupervisor(department) ?? actor.subject;
  const now = deps.clock.now();
  const training = planTraining(deps.ids.next(), input, supervisorId, actor.subject, now);
  await deps.trainings.create(
    training,
    trainingEvent(deps.ids, 'TrainingPlanned', training, training.createdAt, {
      heldAt: training.heldAt,
      attendees: training.attendees.length,
      ...(training.improvementActionId
        ? { improvementActionId: training.improvementActionId }
        : {}),
    }),
  );
  return training;
};

export interface ResultInput {
  checkpoint: TrainingCheckpointName;
  task: TrainingTask;
  attendeeId: string;
  score?: number | undefined;
  passed?: boolean | undefined;
  notes?: string | undefined;
}

/** Records one attendee's result of one task, by the checkpoint's holder, from its due time. */
export const recordTrainingResult = async (
  deps: ImprovementServiceDeps,
  actor: ComplaintActor,
  id: string,
  input: ResultInput,
): Promise<Training> => {
  const training = await visibleTraining(deps, actor, id);
  const checkpoint = training.checkpoints.find((candidate) => candidate.name === input.checkpoint);
  if (!checkpoint) throw notFound('Training checkpoint', input.checkpoint);
  if (!(TRAINING_CHECKPOINTS[input.checkpoint].tasks as readonly string[]).includes(input.task)) {
    throw new DomainError(
      'rule-violated',
      `The ${input.checkpoint} checkpoint has the tasks ${TRAINING_CHECKPOINTS[input.checkpoint].tasks.join(', ')}.`,
      { fields: ['task'] },
    );
  }
  if (!training.attendees.includes(input.attendeeId)) {
    throw new DomainError('rule-violated', `${input.attendeeId} did not attend this training.`, {
      fields: ['attendeeId'],
    });
  }
  if (!mayRecordResults(actor, training, checkpoint)) {
    throw new DomainError(
      'rule-violated',
      `The ${input.checkpoint} checkpoint is ${checkpoint.responsibleId}'s to record.`,
      { fields: ['checkpoint'] },
    );
  }
  const now = deps.clock.now();
  if (checkpoint.dueAt > now.toISOString()) {
    throw new DomainError(
      'rule-violated',
      `The ${input.checkpoint} checkpoint is due from ${checkpoint.dueAt}.`,
      { fields: ['checkpoint'], dueAt: checkpoint.dueAt },
    );
  }
  const next = recordTaskResult(
    training,
    input.checkpoint,
    input.task,
    input.attendeeId,
    {
      ...(input.score !== undefined ? { score: input.score } : {}),
      ...(input.passed !== undefined ? { passed: input.passed } : {}),
      ...(input.notes ? { notes: input.notes } : {}),
      recordedBy: actor.subject,
      recordedAt: now.toISOString(),
    },
    now,
  );
  await deps.trainings.save(training, next, [
    trainingEvent(deps.ids, 'TrainingResultRecorded', next, next.updatedAt, {
      checkpoint: input.checkpoint,
      task: input.task,
      attendeeId: input.attendeeId,
    }),
  ]);
  return next;
};

/** Each attendee's figures over the days before the training and after it, from the counters. */
const trackAttendees = async (
  deps: ImprovementServiceDeps,
  training: Training,
  at: string,
): Promise<AttendeeTracking[]> => {
  const windows = trackingWindows(training.heldAt, at);
  const tracking: AttendeeTracking[] = [];
  for (const staffId of training.attendees) {
    for (const figure of training.figures) {
      const slice = `AGENT#${staffId}`;
      const [before, after] = await Promise.all([
        measureWindow(deps.aggregates, figure, slice, windows.before),
        measureWindow(deps.aggregates, figure, slice, windows.after),
      ]);
      tracking.push({ staffId, figure, before, after });
    }
  }
  return tracking;
};

/**
 * A checkpoint falling due goes on its holder's list and is mailed to them, once
 * (TrainingCheckpointDue); the three-month one takes each attendee's figures before and after.
 */
export const advanceTraining = async (
  deps: ImprovementServiceDeps,
  training: Training,
): Promise<number> => {
  const now = deps.clock.now();
  const due = checkpointsFallingDue(training, now);
  if (due.length === 0) return 0;
  const at = now.toISOString();
  const tracking = due.some((checkpoint) => checkpoint.name === 'three-months')
    ? await trackAttendees(deps, training, at)
    : undefined;
  const next = markReminded(
    training,
    due.map((checkpoint) => checkpoint.name),
    tracking,
    now,
  );
  await deps.trainings.save(
    training,
    next,
    due.map((checkpoint) =>
      trainingEvent(deps.ids, 'TrainingCheckpointDue', next, at, {
        checkpoint: checkpoint.name,
        responsibleId: checkpoint.responsibleId,
        dueAt: checkpoint.dueAt,
      }),
    ),
  );
  return due.length;
};
