import { notFound } from '../../shared/domain/errors';
import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { revisitDeps } from './revisit-deps';

export const handler = apiHandler(operations.getRevisit, async ({ path }) => {
  const revisit = await revisitDeps().revisits.get(path.revisitId);
  if (!revisit) throw notFound('Revisit', path.revisitId);
  return { status: 200, body: revisit };
});
