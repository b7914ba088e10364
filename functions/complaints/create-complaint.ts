import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { fileNewComplaint } from '../../shared/services/complaints/intake-service';
import { complaintDeps } from './complaint-deps';

export const handler = apiHandler(operations.createComplaint, async ({ body, principal }) => {
  const filed = await fileNewComplaint(complaintDeps(), body, principal.subject);
  return { status: 201, body: filed, headers: { Location: `/complaints/${filed.id}` } };
});
