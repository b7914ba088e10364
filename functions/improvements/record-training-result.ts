import { apiHandler } from '../../shared/http/api-handler';
import { improvementOperations } from '../../wiring/operations/improvements';
import { recordTrainingResult } from '../../shared/services/improvements/trainings';
import { improvementDeps } from './improvement-deps';

export const handler = apiHandler(
  improvementOperations.recordTrainingResult,
  async ({ path, body, principal }) => ({
    status: 200,
    body: await recordTrainingResult(improvementDeps(), principal, path.trainingId, body),
  }),
);
