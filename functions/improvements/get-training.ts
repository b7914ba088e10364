import { apiHandler } from '../../shared/http/api-handler';
import { improvementOperations } from '../../wiring/operations/improvements';
import { visibleTraining } from '../../shared/services/improvements/trainings';
import { improvementDeps } from './improvement-deps';

export const handler = apiHandler(
  improvementOperations.getTraining,
  async ({ path, principal }) => ({
    status: 200,
    body: await visibleTraining(improvementDeps(), principal, path.trainingId),
  }),
);
