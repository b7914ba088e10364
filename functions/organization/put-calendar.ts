import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { replaceCalendar } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.putCalendar, async ({ path, body }) => ({
  status: 200,
  body: await replaceCalendar(organizationDeps(), path.calendarId, body),
}));
