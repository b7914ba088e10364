import type { Interaction } from '../../domain/customers/interaction';
import { sealItem } from '../privacy/personal-fields';
import { keys } from './keys';
import { expiresAfterRetention } from './retention';

/** A customer-timeline entry written inside another change's transaction. */
export const interactionPut = async (table: string, interaction: Interaction) => ({
  Put: {
    TableName: table,
    Item: await sealItem(
      {
        ...keys.interaction(interaction.customerId, interaction.occurredAt, interaction.id),
        entityType: 'Interaction',
        ...interaction,
        ...expiresAfterRetention('interactions', interaction.occurredAt),
      },
      interaction.customerId,
    ),
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
