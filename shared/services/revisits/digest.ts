import { nextLocalDate } from '../../domain/calendar/local-date';
import { instantAt, localDateAt } from '../../domain/calendar/time-zone';
import { responsibleSupervisor } from '../../domain/organization/department';
import {
  type Digest,
  digestRecipientsOf,
  digestSectionOf,
  emptyDigest,
} from '../../domain/revisits/digest';
import { revisitDigestMail } from '../../presentation/mail/revisit-mails';
import type { Mailer, NotificationLog } from '../notifications/ports';
import type { RevisitServiceDeps } from './ports';

export interface DigestDeps extends RevisitServiceDeps {
  mailer: Mailer;
  sent: NotificationLog;
}

const ZONE = 'Asia/Shanghai';
const MAX_DUE = 10_000;

/**
 * Emails each owner, once per day (Asia/Shanghai), the revisits they have due — every one whose
 * window has opened — in sections: past the deadline, due today, new since yesterday, the rest.
 * A department's supervisor also gets the revisits nobody has taken and those escalated past
 * their deadline. A repeated firing of the schedule sends nothing again.
 */
export const sendRevisitDigests = async (
  deps: DigestDeps,
): Promise<{ sent: number; owners: number }> => {
  const now = deps.clock.now();
  const today = localDateAt(now.getTime(), ZONE);
  const endOfToday = new Date(instantAt(nextLocalDate(today), 0, ZONE));
  const supervisors = new Map<string, Promise<string | undefined>>();
  const supervisorOf = (department: string | undefined) => {
    if (!department) return Promise.resolve(undefined);
    const known =
      supervisors.get(department) ??
      deps.organization.getDepartment(department).then(responsibleSupervisor);
    supervisors.set(department, known);
    return known;
  };
  const byRecipient = new Map<string, Digest>();
  for (const revisit of await deps.revisits.inStatus('due', MAX_DUE)) {
    const line = {
      revisitId: revisit.id,
      customerId: revisit.customerId,
      policyId: revisit.policyId,
      channel: revisit.channel,
      dueAt: revisit.dueAt,
      ...(revisit.assigneeId ? { assigneeId: revisit.assigneeId } : {}),
    };
    const section = digestSectionOf(revisit, now, endOfToday);
    for (const recipient of digestRecipientsOf(revisit, await supervisorOf(revisit.department))) {
      const digest = byRecipient.get(recipient) ?? emptyDigest();
      digest[section].push(line);
      byRecipient.set(recipient, digest);
    }
  }
  let sent = 0;
  const failures: unknown[] = [];
  for (const [recipientId, digest] of byRecipient) {
    const recipient = await deps.organization.getStaffMember(recipientId);
    if (!recipient) continue;
    const claim = `digest#${today}#${recipientId}`;
    if (!(await deps.sent.claim(claim, 'revisit-digest'))) continue;
    for (const lines of Object.values(digest)) lines.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    try {
      await deps.mailer.send({
        to: recipient.email,
        ...revisitDigestMail(recipient.name, today, digest),
      });
      sent++;
    } catch (error) {
      // One owner's mail failing must not keep the digest from the others; the schedule's retry
      // sends only the released claims.
      await deps.sent.release(claim, 'revisit-digest');
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(failures, `${failures.length} revisit digest(s) could not be sent`);
  }
  return { sent, owners: byRecipient.size };
};
