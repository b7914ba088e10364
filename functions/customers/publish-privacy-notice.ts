import { apiHandler } from '../../shared/http/api-handler';
import { publishPrivacyNotice } from '../../shared/services/customers/privacy-notices';
import { privacyNoticeOperations } from '../../wiring/operations/privacy-notices';
import { noticeDeps } from './notice-deps';

export const handler = apiHandler(
  privacyNoticeOperations.publishPrivacyNotice,
  async ({ path, body, principal }) => {
    const { notice, created } = await publishPrivacyNotice(
      noticeDeps(),
      path.noticeId,
      body,
      principal.subject,
    );
    return { status: created ? 201 : 200, body: notice };
  },
);
