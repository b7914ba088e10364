import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { replaceCalendar } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.putCalendar, async ({ path, body }) => ({
  status: 200,
  body: await replaceCalendar(organizationDeps(), path.calendarId, body),
}));
