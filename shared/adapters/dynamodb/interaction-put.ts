import type { Interaction } from '../../domain/customers/interaction';
import { keys } from './keys';

/** A customer-timeline entry written inside another change's transaction. */
export const interactionPut = (table: string, interaction: Interaction) => ({
  Put: {
    TableName: table,
    Item: {
      ...keys.interaction(interaction.customerId, interaction.occurredAt, interaction.id),
      entityType: 'Interaction',
      ...interaction,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
