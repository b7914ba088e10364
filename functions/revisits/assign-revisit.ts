import { apiHandler } from '../../shared/http/api-handler';
import { revisitOperations } from '../../wiring/operations/revisits';
import { assignRevisitTo } from '../../shared/services/revisits/assignment';
import { revisitDeps } from './revisit-deps';

export const handler = apiHandler(
  revisitOperations.assignRevisit,
  async ({ path, body, principal }) => ({
    status: 200,
    body: await assignRevisitTo(revisitDeps(), principal, path.revisitId, body.assigneeId),
  }),
);
