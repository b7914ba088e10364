import { apiHandler } from '../../shared/http/api-handler';
import { improvementOperations } from '../../wiring/operations/improvements';
import { changeImprovementAction } from '../../shared/services/improvements/actions';
import { improvementDeps } from './improvement-deps';

export const handler = apiHandler(
  improvementOperations.changeImprovementActionStatus,
  async ({ path, body, principal }) => ({
    status: 200,
    body: await changeImprovementAction(
      improvementDeps(),
      principal,
      path.actionId,
      body.status,
      body.note,
    ),
  }),
);
