import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { currentCalendar } from '../../shared/services/organization/organization-service';
import { organizationDeps } from './organization-deps';

export const handler = apiHandler(operations.getCalendar, async ({ path }) => ({
  status: 200,
  body: await currentCalendar(organizationDeps(), path.calendarId),
}));
