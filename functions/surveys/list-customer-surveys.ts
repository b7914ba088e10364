import { apiHandler } from '../../shared/http/api-handler';
import { surveyOperations } from '../../wiring/operations/surveys';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { listCustomerSurveys } from '../../shared/services/surveys/queries';
import { surveyDeps } from './survey-deps';

export const handler = apiHandler(surveyOperations.listCustomerSurveys, async ({ path, query }) => {
  const list = `surveys:${path.customerId}`;
  const page = await listCustomerSurveys(surveyDeps(), path.customerId, {
    limit: query.limit,
    after: await decodeCursor(list, query.cursor),
  });
  const nextCursor = await encodeCursor(list, page.next);
  return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
});
