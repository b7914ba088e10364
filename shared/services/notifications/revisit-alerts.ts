import { responsibleSupervisor } from '../../domain/organization/department';
import {
  type RevisitAlert,
  revisitDeadlineNearMail,
  revisitOverdueMail,
} from '../../presentation/mail/revisit-mails';
import { type NotificationOutcome, sendOnce } from './notification-service';
import type { NotificationDeps } from './ports';

type AlertFacts = Omit<RevisitAlert, 'assigneeName'> & {
  assigneeId?: string | undefined;
  department?: string | undefined;
};

/**
 * RevisitDeadlineNear: its owner is warned, once; a revisit nobody has taken warns the
 * department's supervisor (else its head) instead.
 */
export const warnRevisitOwner = async (
  deps: NotificationDeps,
  eventId: string,
  facts: AlertFacts,
): Promise<NotificationOutcome> => {
  const recipientId =
    facts.assigneeId ??
    responsibleSupervisor(
      facts.department ? await deps.organization.getDepartment(facts.department) : undefined,
    );
  const recipient = recipientId ? await deps.organization.getStaffMember(recipientId) : undefined;
  if (!recipient) return 'no-recipient';
  return sendOnce(
    deps,
    eventId,
    'revisit-deadline-near',
    recipient.email,
    revisitDeadlineNearMail(recipient.name, facts),
  );
};

/** RevisitOverdue: the supervisor the sweep named (the department's, else its head) is told, once. */
export const escalateOverdueRevisit = async (
  deps: NotificationDeps,
  eventId: string,
  facts: AlertFacts & { supervisorId?: string | undefined },
): Promise<NotificationOutcome> => {
  const supervisor = facts.supervisorId
    ? await deps.organization.getStaffMember(facts.supervisorId)
    : undefined;
  if (!supervisor) return 'no-recipient';
  const assignee = facts.assigneeId
    ? await deps.organization.getStaffMember(facts.assigneeId)
    : undefined;
  return sendOnce(
    deps,
    eventId,
    'revisit-overdue',
    supervisor.email,
    revisitOverdueMail(supervisor.name, {
      ...facts,
      assigneeName: assignee?.name ?? facts.assigneeId,
    }),
  );
};
