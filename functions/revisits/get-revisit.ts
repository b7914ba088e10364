import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { visibleRevisit } from '../../shared/services/revisits/access';
import { revisitDeps } from './revisit-deps';

export const handler = apiHandler(operations.getRevisit, async ({ path, principal }) => ({
  status: 200,
  body: await visibleRevisit(revisitDeps(), principal, path.revisitId),
}));
