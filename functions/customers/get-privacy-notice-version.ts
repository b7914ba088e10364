import { apiHandler } from '../../shared/http/api-handler';
import { getPrivacyNoticeVersion } from '../../shared/services/customers/privacy-notices';
import { privacyNoticeOperations } from '../../wiring/operations/privacy-notices';
import { noticeDeps } from './notice-deps';

export const handler = apiHandler(
  privacyNoticeOperations.getPrivacyNoticeVersion,
  async ({ path }) => ({
    status: 200,
    body: await getPrivacyNoticeVersion(noticeDeps(), path.noticeId, path.version),
  }),
);
