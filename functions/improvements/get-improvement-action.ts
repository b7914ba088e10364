import { apiHandler } from '../../shared/http/api-handler';
import { improvementOperations } from '../../wiring/operations/improvements';
import { visibleAction } from '../../shared/services/improvements/actions';
import { improvementDeps } from './improvement-deps';

export const handler = apiHandler(
  improvementOperations.getImprovementAction,
  async ({ path, principal }) => ({
    status: 200,
    body: await visibleAction(improvementDeps(), principal, path.actionId),
  }),
);
