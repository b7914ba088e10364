import { idempotentApiHandler } from '../../shared/http/idempotent-api-handler';
import { improvementOperations } from '../../wiring/operations/improvements';
import { planTrainingCycle } from '../../shared/services/improvements/trainings';
import { improvementDeps } from './improvement-deps';

export const handler = idempotentApiHandler(
  improvementOperations.planTraining,
  async ({ body, principal }) => {
    const training = await planTrainingCycle(improvementDeps(), principal, body);
    return { status: 201, body: training, headers: { Location: `/trainings/${training.id}` } };
  },
);
