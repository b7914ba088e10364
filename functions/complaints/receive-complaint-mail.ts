import { DynamoNotificationLog } from '../../shared/adapters/dynamodb/notification-log';
import { withBusinessMetrics } from '../../shared/adapters/metrics';
import { inboundMailHandler } from '../../shared/messaging/inbound-mail-handler';
import {
  type InboundMailDeps,
  receiveComplaintMail,
} from '../../shared/services/complaints/inbound-mail-service';
import { meteredComplaintDeps } from './complaint-deps';

let deps: InboundMailDeps | undefined;
const inboundDeps = (): InboundMailDeps => {
  deps ??= { ...meteredComplaintDeps(), processed: new DynamoNotificationLog() };
  return deps;
};

/**
 * Email to the complaints address: a new complaint (counted in ComplaintsFiled), or a reply on
 * one; automatic mail files nothing and changes no complaint.
 */
export const handler = withBusinessMetrics(
  inboundMailHandler('inbound mail', (message) => receiveComplaintMail(inboundDeps(), message)),
);
