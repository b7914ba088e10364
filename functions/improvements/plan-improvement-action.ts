import { idempotentApiHandler } from '../../shared/http/idempotent-api-handler';
import { improvementOperations } from '../../wiring/operations/improvements';
import { planImprovementAction } from '../../shared/services/improvements/actions';
import type { GoalSlice } from '../../shared/domain/improvements/action';
import { improvementDeps } from './improvement-deps';

export const handler = idempotentApiHandler(
  improvementOperations.planImprovementAction,
  async ({ body, principal }) => {
    const { slice } = body.goal;
    const action = await planImprovementAction(improvementDeps(), principal, {
      ...body,
      goal: {
        ...body.goal,
        slice: (slice.dimension === 'all'
          ? { dimension: 'all' }
          : { dimension: slice.dimension, value: slice.value }) as GoalSlice,
      },
    });
    return {
      status: 201,
      body: action,
      headers: { Location: `/improvement-actions/${action.id}` },
    };
  },
);
