import { idempotentApiHandler } from '../../shared/http/idempotent-api-handler';
import { revisitOperations } from '../../wiring/operations/revisits';
import { planRevisitAs } from '../../shared/services/revisits/manual-planning';
import { revisitDeps } from './revisit-deps';

export const handler = idempotentApiHandler(
  revisitOperations.planRevisit,
  async ({ body, principal }) => {
    const revisit = await planRevisitAs(revisitDeps(), principal, body);
    return { status: 201, body: revisit, headers: { Location: `/revisits/${revisit.id}` } };
  },
);
