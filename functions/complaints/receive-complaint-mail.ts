import { DynamoNotificationLog } from '../../shared/adapters/dynamodb/notification-log';
import { inboundMailHandler } from '../../shared/messaging/inbound-mail-handler';
import {
  type InboundMailDeps,
  receiveComplaintMail,
} from '../../shared/services/complaints/inbound-mail-service';
import { complaintDeps } from './complaint-deps';

let deps: InboundMailDeps | undefined;
const inboundDeps = (): InboundMailDeps => {
  deps ??= { ...complaintDeps(), processed: new DynamoNotificationLog() };
  return deps;
};

/** Email to the complaints address: a new complaint, or a reply on one. */
export const handler = inboundMailHandler('inbound mail', (message) =>
  receiveComplaintMail(inboundDeps(), message),
);
