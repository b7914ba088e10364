import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { recordService } from '../../shared/services/revisits/service-records';
import { revisitDeps } from './revisit-deps';

export const handler = apiHandler(operations.recordService, async ({ body, principal }) => ({
  status: 201,
  body: await recordService(revisitDeps(), body, principal.subject),
}));
