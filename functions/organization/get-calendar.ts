import { apiHandler } from '../../shared/http/api-handler';
import { organizationOperations } from '../../wiring/operations/organization';
import { currentCalendar } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(organizationOperations.getCalendar, async ({ path }) => ({
  status: 200,
  body: await currentCalendar(organizationDeps(), path.calendarId),
}));
