import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { openComplaintFromRevisit } from '../../shared/services/revisits/outcomes';
import { revisitDeps } from './revisit-deps';

export const handler = apiHandler(
  operations.openComplaintFromRevisit,
  async ({ path, body, principal }) => {
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
