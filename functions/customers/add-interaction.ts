import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { addInteraction } from '../../shared/services/customers/interaction-service';
import { customerDeps } from './customer-deps';

export const handler = apiHandler(operations.addInteraction, async ({ path, body, principal }) => {
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
});
