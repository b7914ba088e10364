import { apiHandler } from '../../shared/http/api-handler';
import { revisitOperations } from '../../wiring/operations/revisits';
import { visibleRevisit } from '../../shared/services/revisits/access';
import { recordRevisitOutcome } from '../../shared/services/revisits/outcomes';
import { revisitDeps } from './revisit-deps';

export const handler = apiHandler(
  revisitOperations.recordRevisitOutcome,
  async ({ path, body, principal }) => {
    await visibleRevisit(revisitDeps(), principal, path.revisitId);
    return {
      status: 200,
      body: await recordRevisitOutcome(
        revisitDeps(),
        path.revisitId,
        { ...body, score: body.score as 1 | 2 | 3 | 4 | 5 | undefined },
        principal.subject,
      ),
    };
  },
);
