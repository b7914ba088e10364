import { idempotentApiHandler } from '../../shared/http/idempotent-api-handler';
import { customerOperations } from '../../wiring/operations/customers';
import { addInteraction } from '../../shared/services/customers/interaction-service';
import { customerDeps } from './customer-deps';

export const handler = idempotentApiHandler(
  customerOperations.addInteraction,
  async ({ path, body, principal }) => {
    const interaction = await addInteraction(
      customerDeps(),
      path.customerId,
      body,
      principal.subject,
    );
    return {
      status: 201,
      body: interaction,
    };
  },
);
