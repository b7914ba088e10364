import { apiHandler } from '../../shared/http/api-handler';
import { revisitOperations } from '../../wiring/operations/revisits';
import { visibleRevisit } from '../../shared/services/revisits/access';
import { revisitDeps } from './revisit-deps';

export const handler = apiHandler(revisitOperations.getRevisit, async ({ path, principal }) => ({
  status: 200,
  body: await visibleRevisit(revisitDeps(), principal, path.revisitId),
}));
