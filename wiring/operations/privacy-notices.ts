import { SCOPES } from '../names';
import { operationGroup } from './operation';
import {
  listNoticesQuery,
  noticePathParams,
  noticeVersionPathParams,
  noticeVersionSchema,
  privacyNoticePage,
  privacyNoticeWithCurrent,
  publishNoticeBody,
} from '../../shared/http/contracts/privacy';

/**
 * Privacy notices (seed 002 ch. 8 §1.1.34 明确告知): admins publish versions, staff read them
 * (they show the customer the notice a consent is recorded against). Handlers live with the
 * customers' functions.
 */
export const privacyNoticeOperations = operationGroup(
  { tag: 'Privacy notices', folder: 'customers' },
  {
    publishPrivacyNotice: {
      method: 'PUT',
      path: '/privacy-notices/{noticeId}',
      file: 'publish-privacy-notice',
      scopes: [SCOPES.admin],
      summary:
        'Publish the next version of a privacy notice (texts in zh-CN, zh-TW, en; purposes; material or not)',
      params: noticePathParams,
      body: publishNoticeBody,
      responses: {
        201: { description: 'Its first version', schema: privacyNoticeWithCurrent },
        200: {
          description:
            'Its next version; or, when the body repeats the current version, that version unchanged',
          schema: privacyNoticeWithCurrent,
        },
      },
    },
    listPrivacyNotices: {
      method: 'GET',
      path: '/privacy-notices',
      file: 'list-privacy-notices',
      scopes: [SCOPES.customersRead],
      summary: 'The privacy notices, by id',
      query: listNoticesQuery,
      responses: { 200: { description: 'A page of notices', schema: privacyNoticePage } },
    },
    getPrivacyNotice: {
      method: 'GET',
      path: '/privacy-notices/{noticeId}',
      file: 'get-privacy-notice',
      scopes: [SCOPES.customersRead],
      summary: 'A privacy notice: its current version in full and the history of its versions',
      params: noticePathParams,
      responses: { 200: { description: 'The notice', schema: privacyNoticeWithCurrent } },
    },
    getPrivacyNoticeVersion: {
      method: 'GET',
      path: '/privacy-notices/{noticeId}/versions/{version}',
      file: 'get-privacy-notice-version',
      scopes: [SCOPES.customersRead],
      summary: 'One version of a privacy notice, as it was published (versions never change)',
      params: noticeVersionPathParams,
      responses: { 200: { description: 'The version', schema: noticeVersionSchema } },
    },
  },
);
