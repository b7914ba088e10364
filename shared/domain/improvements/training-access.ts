import { type ComplaintActor, seesAllDepartments } from '../complaints/access';
import { directsDepartment } from './access';
import type { Training, TrainingCheckpoint } from './training';

/** A training is its trainer's, its attendees' and its department's supervisors'; admins see all. */
export const canSeeTraining = (actor: ComplaintActor, training: Training): boolean =>
  seesAllDepartments(actor) ||
  training.trainerId === actor.subject ||
  training.attendees.includes(actor.subject) ||
  (actor.role === 'supervisor' && actor.department === training.department);

/** Results are recorded by the checkpoint's holder, or by a supervisor of the department. */
export const mayRecordResults = (
  actor: ComplaintActor,
  training: Training,
  checkpoint: TrainingCheckpoint,
): boolean =>
  checkpoint.responsibleId === actor.subject || directsDepartment(actor, training.department);
