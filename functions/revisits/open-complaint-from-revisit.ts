import { apiHandler } from '../../shared/http/api-handler';
import { revisitOperations } from '../../wiring/operations/revisits';
import { visibleRevisit } from '../../shared/services/revisits/access';
import { openComplaintFromRevisit } from '../../shared/services/revisits/outcomes';
import { revisitDeps } from './revisit-deps';

export const handler = apiHandler(
  revisitOperations.openComplaintFromRevisit,
  async ({ path, body, principal }) => {
    await visibleRevisit(revisitDeps(), principal, path.revisitId);
    const result = await openComplaintFromRevisit(
      revisitDeps(),
      path.revisitId,
      body.description,
      principal.subject,
    );
    return {
      status: result.created ? 201 : 200,
      body: { complaintId: result.complaintId, revisit: result.revisit },
      headers: { Location: `/complaints/${result.complaintId}` },
    };
  },
);
