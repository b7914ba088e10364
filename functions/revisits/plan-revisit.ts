import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { planRevisitAs } from '../../shared/services/revisits/manual-planning';
import { revisitDeps } from './revisit-deps';

export const handler = apiHandler(operations.planRevisit, async ({ body, principal }) => {
  const revisit = await planRevisitAs(revisitDeps(), principal, body);
  return { status: 201, body: revisit, headers: { Location: `/revisits/${revisit.id}` } };
});
