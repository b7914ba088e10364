import { apiHandler } from '../../shared/http/api-handler';
import { getPrivacyNotice } from '../../shared/services/customers/privacy-notices';
import { privacyNoticeOperations } from '../../wiring/operations/privacy-notices';
import { noticeDeps } from './notice-deps';

export const handler = apiHandler(privacyNoticeOperations.getPrivacyNotice, async ({ path }) => ({
  status: 200,
  body: await getPrivacyNotice(noticeDeps(), path.noticeId),
}));
