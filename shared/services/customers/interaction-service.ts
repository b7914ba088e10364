import {
  recordInteraction,
  type Interaction,
  type NewInteraction,
} from '../../domain/customers/interaction';
import type { DomainEvent } from '../../domain/events';
import type { Page, PageRequest } from '../../domain/pagination';
import type { IdSource } from '../../domain/ids';
import type { CustomerServiceDeps } from './ports';
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
  await deps.customers.addInteraction(interaction, interactionRecorded(deps.ids, interaction));
  return interaction;
};

/** The event of a contact recorded, wherever it is written. */
export const interactionRecorded = (ids: IdSource, interaction: Interaction): DomainEvent => ({
  id: ids.next(),
  source: 'kefu.customers',
  type: 'InteractionRecorded',
  occurredAt: interaction.recordedAt,
  detail: {
    customerId: interaction.customerId,
    interactionId: interaction.id,
    channel: interaction.channel,
  },
});

export const listInteractions = async (
  deps: CustomerServiceDeps,
  customerId: string,
  page: PageRequest,
): Promise<Page<Interaction>> => {
  await getCustomer(deps, customerId);
  return deps.customers.listInteractions(customerId, page);
};
