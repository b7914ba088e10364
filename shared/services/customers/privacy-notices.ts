import {
  type NoticeInput,
  type NoticeVersion,
  type PrivacyNotice,
  publishNotice,
} from '../../domain/customers/privacy-notice';
import { DomainError, notFound } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import type { PrivacyNoticeDeps } from './ports';

export type NoticeView = PrivacyNotice & { current: NoticeVersion };

const withCurrent = async (deps: PrivacyNoticeDeps, notice: PrivacyNotice): Promise<NoticeView> => {
  const current = await deps.notices.getVersion(notice.id, notice.currentVersion);
  if (!current) throw new Error(`privacy notice ${notice.id} lacks its version ${notice.version}`);
  return { ...notice, current };
};

/**
 * `PUT /privacy-notices/{id}`: publishes the next version (the first: `created`), with its
 * `PrivacyNoticePublished` event in the same write; repeating the current version publishes
 * nothing. A concurrent publication of the same version is refused (`stale-version`, 409).
 */
export const publishPrivacyNotice = async (
  deps: PrivacyNoticeDeps,
  id: string,
  input: NoticeInput,
  by: string,
): Promise<{ notice: NoticeView; created: boolean; published: boolean }> => {
  const previous = await deps.notices.get(id);
  const previousVersion = previous && (await deps.notices.getVersion(id, previous.currentVersion));
  const now = deps.clock.now();
  const publication = publishNotice(id, previous, previousVersion, input, now, by);
  if (publication === 'unchanged') {
    // Only a current version can be repeated, so both were read.
    if (!previous || !previousVersion) throw new Error(`privacy notice ${id} lacks its head`);
    return { notice: { ...previous, current: previousVersion }, created: false, published: false };
  }
  const { notice, version, freshConsentRequired } = publication;
  await deps.notices.publish(previous, notice, version, {
    id: deps.ids.next(),
    source: 'kefu.customers',
    type: 'PrivacyNoticePublished',
    occurredAt: version.publishedAt,
    detail: {
      noticeId: id,
      version: version.version,
      purposes: version.purposes,
      material: version.material,
      freshConsentRequired,
      publishedBy: by,
    },
  });
  return { notice: { ...notice, current: version }, created: !previous, published: true };
};

export const getPrivacyNotice = async (
  deps: PrivacyNoticeDeps,
  id: string,
): Promise<NoticeView> => {
  const notice = await deps.notices.get(id);
  if (!notice) throw notFound('Privacy notice', id);
  return withCurrent(deps, notice);
};

export const getPrivacyNoticeVersion = async (
  deps: PrivacyNoticeDeps,
  id: string,
  version: number,
): Promise<NoticeVersion> => {
  const found = await deps.notices.getVersion(id, version);
  if (found) return found;
  if (await deps.notices.get(id)) {
    throw new DomainError('not-found', `Privacy notice ${id} has no version ${version}.`, {
      id,
      version,
    });
  }
  throw notFound('Privacy notice', id);
};

export const listPrivacyNotices = (
  deps: PrivacyNoticeDeps,
  page: PageRequest,
): Promise<Page<PrivacyNotice>> => deps.notices.list(page);
