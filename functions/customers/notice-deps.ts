import { systemClock } from '../../shared/adapters/clock';
import { DynamoPrivacyNoticeRepository } from '../../shared/adapters/dynamodb/privacy-notice-repository';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { PrivacyNoticeDeps } from '../../shared/services/customers/ports';

let deps: PrivacyNoticeDeps | undefined;

/** Composition root of the privacy-notice functions (no personal data: no keys, no sealing). */
export const noticeDeps = (): PrivacyNoticeDeps => {
  deps ??= { notices: new DynamoPrivacyNoticeRepository(), clock: systemClock, ids: ulidIds };
  return deps;
};
