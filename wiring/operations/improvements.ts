import { SCOPES } from '../names';
import { operationGroup } from './operation';
import {
  actionPage,
  actionPathParams,
  actionSchema,
  actionStatusBody,
  listActionsQuery,
  listTrainingsQuery,
  newActionBody,
  newTrainingBody,
  trainingPage,
  trainingPathParams,
  trainingResultBody,
  trainingSchema,
} from '../../shared/http/contracts/improvements';

/**
 * The operations of improvement actions (改进措施): route, scopes and contract of each, in one
 * entry. The manifest, the OpenAPI document and the handlers all read them.
 */
export const improvementOperations = operationGroup(
  { tag: 'Improvements', folder: 'improvements' },
  {
    planImprovementAction: {
      method: 'POST',
      path: '/improvement-actions',
      file: 'plan-improvement-action',
      scopes: [SCOPES.improvementsWrite],
      summary:
        'Plan an improvement action: the findings or complaints it answers, a goal (figure, slice, target, date), measures, an owner and a due date (supervisors of the department, admins)',
      body: newActionBody,
      idempotent: true,
      responses: { 201: { description: 'Planned', schema: actionSchema } },
    },
    listImprovementActions: {
      method: 'GET',
      path: '/improvement-actions',
      file: 'list-improvement-actions',
      scopes: [SCOPES.improvementsRead],
      summary:
        'Improvement actions by status, owner, department or overdue; yours when you name none',
      query: listActionsQuery,
      responses: { 200: { description: 'By due date, latest first', schema: actionPage } },
    },
    getImprovementAction: {
      method: 'GET',
      path: '/improvement-actions/{actionId}',
      file: 'get-improvement-action',
      scopes: [SCOPES.improvementsRead],
      summary: 'One improvement action with its timeline and evaluations',
      params: actionPathParams,
      responses: { 200: { description: 'The action', schema: actionSchema } },
    },
    changeImprovementActionStatus: {
      method: 'POST',
      path: '/improvement-actions/{actionId}/status',
      file: 'change-improvement-action-status',
      scopes: [SCOPES.improvementsWrite],
      summary:
        'Start an action, mark it done (its evaluation follows after the window), or cancel it with a reason (supervisors, admins)',
      params: actionPathParams,
      body: actionStatusBody,
      responses: { 200: { description: 'Changed (or already so)', schema: actionSchema } },
    },
    planTraining: {
      method: 'POST',
      path: '/trainings',
      file: 'plan-training',
      scopes: [SCOPES.improvementsWrite],
      summary:
        'Plan a training and its evaluation cycle: right after, at one month, at three months (supervisors of the department, admins)',
      body: newTrainingBody,
      idempotent: true,
      responses: { 201: { description: 'Planned', schema: trainingSchema } },
    },
    listTrainings: {
      method: 'GET',
      path: '/trainings',
      file: 'list-trainings',
      scopes: [SCOPES.improvementsRead],
      summary: "A department's or a trainer's trainings; yours as trainer when you name none",
      query: listTrainingsQuery,
      responses: { 200: { description: 'Latest first', schema: trainingPage } },
    },
    getTraining: {
      method: 'GET',
      path: '/trainings/{trainingId}',
      file: 'get-training',
      scopes: [SCOPES.improvementsRead],
      summary: 'One training with its checkpoints, results and three-month tracking',
      params: trainingPathParams,
      responses: { 200: { description: 'The training', schema: trainingSchema } },
    },
    recordTrainingResult: {
      method: 'POST',
      path: '/trainings/{trainingId}/results',
      file: 'record-training-result',
      scopes: [SCOPES.improvementsWrite],
      summary:
        "Record an attendee's result of a checkpoint's task (score, pass/fail, notes), from the checkpoint's due time",
      params: trainingPathParams,
      body: trainingResultBody,
      responses: { 200: { description: 'Recorded', schema: trainingSchema } },
    },
  },
);
