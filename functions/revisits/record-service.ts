import { idempotentApiHandler } from '../../shared/http/idempotent-api-handler';
import { revisitOperations } from '../../wiring/operations/revisits';
import { recordService } from '../../shared/services/revisits/service-records';
import { revisitDeps } from './revisit-deps';

export const handler = idempotentApiHandler(
  revisitOperations.recordService,
  async ({ body, principal }) => ({
    status: 201,
    body: await recordService(revisitDeps(), body, principal.subject),
  }),
);
