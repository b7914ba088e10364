import { sesMailer } from '../../shared/adapters/ses-mailer';
import { DynamoCustomerTimeline } from '../../shared/adapters/dynamodb/customer-timeline';
import { DynamoNotificationLog } from '../../shared/adapters/dynamodb/notification-log';
import { DynamoImprovementActionRepository } from '../../shared/adapters/dynamodb/improvement-action-repository';
import { DynamoRevisitRepository } from '../../shared/adapters/dynamodb/revisit-repository';
import { DynamoTrainingRepository } from '../../shared/adapters/dynamodb/training-repository';
import {
  announceTrainingCheckpoint,
  escalateOverdueAction,
  remindActionOwner,
} from '../../shared/services/notifications/improvement-alerts';
import { busEventConsumer } from '../../shared/messaging/event-consumer';
import { complaintLinks } from '../../shared/adapters/complaint-links';
import {
  acknowledgeComplaint,
  deliverResponse,
  notifyCustomerMessage,
  notifyEscalation,
  notifyOwner,
  notifyUnassignable,
  remindRevisitCustomer,
  sendCustomerUpdate,
  sendResult,
} from '../../shared/services/notifications/notification-service';
import type { NotificationDeps } from '../../shared/services/notifications/ports';
import {
  escalateOverdueRevisit,
  warnRevisitOwner,
} from '../../shared/services/notifications/revisit-alerts';
import { complaintDeps } from '../complaints/complaint-deps';
import { ENVIRONMENT, optionalVariable } from '../../shared/adapters/environment';

let actions: DynamoImprovementActionRepository | undefined;
const actionRepository = () => (actions ??= new DynamoImprovementActionRepository());

let trainings: DynamoTrainingRepository | undefined;
const trainingRepository = () => (trainings ??= new DynamoTrainingRepository());

let revisits: DynamoRevisitRepository | undefined;
const revisitRepository = () => (revisits ??= new DynamoRevisitRepository());

let deps: NotificationDeps | undefined;
const notificationDeps = (): NotificationDeps => {
  deps ??= {
    ...complaintDeps(),
    mailer: sesMailer,
    sent: new DynamoNotificationLog(),
    links: complaintLinks,
    timeline: new DynamoCustomerTimeline(),
    replyTo: optionalVariable(ENVIRONMENT.complaintsReplyTo),
  };
  return deps;
};

/** notifications queue: the emails complaint events call for, each sent once. */
export const handler = busEventConsumer('send-notification', async (event) => {
  const data = event.data as Record<string, string>;
  switch (event.type) {
    case 'ComplaintRouted':
      return acknowledgeComplaint(notificationDeps(), event.eventId, data.complaintId ?? '');
    case 'ComplaintAssigned': {
      const owner = await notifyOwner(
        notificationDeps(),
        event.eventId,
        data.complaintId ?? '',
        data.ownerId ?? '',
      );
      const customer = await sendCustomerUpdate(
        notificationDeps(),
        event.eventId,
        data.complaintId ?? '',
        'assigned',
      );
      return `owner ${owner}, customer ${customer}`;
    }
    case 'ComplaintResolved':
      return sendResult(notificationDeps(), event.eventId, event.data.complaintId);
    case 'ComplaintReopened':
      return sendCustomerUpdate(
        notificationDeps(),
        event.eventId,
        event.data.complaintId,
        'reopened',
      );
    case 'ComplaintCustomerReplied':
      return notifyCustomerMessage(
        notificationDeps(),
        event.eventId,
        event.data.complaintId,
        event.data.timelineEntryId,
        event.data.via,
      );
    case 'ComplaintResponded':
      return deliverResponse(
        notificationDeps(),
        event.eventId,
        data.complaintId ?? '',
        data.responseId ?? '',
      );
    case 'RevisitDue':
      return event.data.channel === 'email'
        ? remindRevisitCustomer(
            { ...notificationDeps(), revisits: revisitRepository() },
            event.eventId,
            event.data.revisitId,
          )
        : 'phone task';
    case 'RevisitDeadlineNear':
      return warnRevisitOwner(notificationDeps(), event.eventId, event.data);
    case 'RevisitOverdue':
      return escalateOverdueRevisit(notificationDeps(), event.eventId, event.data);
    case 'ImprovementActionDeadlineNear':
      return remindActionOwner(
        { ...notificationDeps(), actions: actionRepository() },
        event.eventId,
        event.data.actionId,
      );
    case 'ImprovementActionOverdue':
      return escalateOverdueAction(
        { ...notificationDeps(), actions: actionRepository() },
        event.eventId,
        event.data.actionId,
        event.data.supervisorId,
      );
    case 'TrainingCheckpointDue':
      return announceTrainingCheckpoint(
        { ...notificationDeps(), trainings: trainingRepository() },
        event.eventId,
        event.data,
      );
    case 'ComplaintUnassignable':
      return notifyUnassignable(
        notificationDeps(),
        event.eventId,
        event.data.complaintId,
        event.data.department,
        event.data.reason,
      );
    case 'ComplaintEscalated':
      return notifyEscalation(
        notificationDeps(),
        event.eventId,
        event.data.complaintId,
        event.data.notifyStaffId,
        event.data.level,
      );
    default:
      return 'ignored';
  }
});
