import { withBusinessMetrics } from '../../shared/adapters/metrics';
import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { fileNewComplaint } from '../../shared/services/complaints/intake-service';
import { meteredComplaintDeps } from './complaint-deps';

/** `POST /complaints`: counts ComplaintsFiled once the complaint is stored. */
export const handler = withBusinessMetrics(
  apiHandler(operations.createComplaint, async ({ body, principal }) => {
    const filed = await fileNewComplaint(meteredComplaintDeps(), body, principal.subject);
    return { status: 201, body: filed, headers: { Location: `/complaints/${filed.id}` } };
  }),
);
