import { SCOPES } from '../names';
import { operationGroup } from './operation';
import {
  actionPage,
  actionPathParams,
  actionSchema,
  actionStatusBody,
  listActionsQuery,
  newActionBody,
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
  },
);
