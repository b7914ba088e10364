import { apiHandler } from '../../shared/http/api-handler';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { listPrivacyNotices } from '../../shared/services/customers/privacy-notices';
import { privacyNoticeOperations } from '../../wiring/operations/privacy-notices';
import { noticeDeps } from './notice-deps';

const LIST = 'privacy-notices';

export const handler = apiHandler(privacyNoticeOperations.listPrivacyNotices, async ({ query }) => {
  const page = await listPrivacyNotices(noticeDeps(), {
    limit: query.limit,
    after: await decodeCursor(LIST, query.cursor),
  });
  const nextCursor = await encodeCursor(LIST, page.next);
  return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
});
