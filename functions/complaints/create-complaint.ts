import { withBusinessMetrics } from '../../shared/adapters/metrics';
import { idempotentApiHandler } from '../../shared/http/idempotent-api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { fileNewComplaint } from '../../shared/services/complaints/intake-service';
import { meteredComplaintDeps } from './complaint-deps';

/** `POST /complaints`: counts ComplaintsFiled once the complaint is stored. */
export const handler = withBusinessMetrics(
  idempotentApiHandler(complaintOperations.createComplaint, async ({ body, principal }) => {
    const filed = await fileNewComplaint(meteredComplaintDeps(), body, principal.subject);
    return { status: 201, body: filed, headers: { Location: `/complaints/${filed.id}` } };
  }),
);
