import {
  recordInteraction,
  type Interaction,
  type NewInteraction,
} from '../../domain/customers/interaction';
import type { Page, PageRequest } from '../../domain/pagination';
import type { CustomerServiceDeps } from './deps';
import { getCustomer } from './customer-service';

export const addInteraction = async (
  deps: CustomerServiceDeps,
  customerId: string,
  input: NewInteraction,
  recordedBy: string,
): Promise<Interaction> => {
  await getCustomer(deps, customerId);
  const interaction = recordInteraction(
    deps.ids.next(),
    customerId,
    input,
    recordedBy,
    deps.clock.now(),
  );
  await deps.customers.addInteraction(interaction, {
    id: deps.ids.next(),
    source: 'kefu.customers',
    type: 'InteractionRecorded',
    occurredAt: interaction.recordedAt,
    detail: { customerId, interactionId: interaction.id, channel: interaction.channel },
  });
  return interaction;
};

export const listInteractions = async (
  deps: CustomerServiceDeps,
  customerId: string,
  page: PageRequest,
): Promise<Page<Interaction>> => {
  await getCustomer(deps, customerId);
  return deps.customers.listInteractions(customerId, page);
};
