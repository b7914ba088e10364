import { localDateAt } from '../../domain/calendar/time-zone';
import { type DigestLine, revisitDigestMail } from '../../presentation/mail/revisit-mails';
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
 * window has opened: those past their deadline, then the open ones by deadline. A repeated firing
 * of the schedule sends nothing again.
 */
export const sendRevisitDigests = async (
  deps: DigestDeps,
): Promise<{ sent: number; owners: number }> => {
  const now = deps.clock.now();
  const today = localDateAt(now.getTime(), ZONE);
  const at = now.toISOString();
  const byOwner = new Map<string, DigestLine[]>();
  for (const revisit of await deps.revisits.inStatus('due', MAX_DUE)) {
    if (!revisit.assigneeId) continue;
    const lines = byOwner.get(revisit.assigneeId) ?? [];
    lines.push({
      customerId: revisit.customerId,
      policyId: revisit.policyId,
      dueAt: revisit.dueAt,
      channel: revisit.channel,
      revisitId: revisit.id,
    });
    byOwner.set(revisit.assigneeId, lines);
  }
  let sent = 0;
  const failures: unknown[] = [];
  for (const [ownerId, lines] of byOwner) {
    const owner = await deps.organization.getStaffMember(ownerId);
    if (!owner) continue;
    const claim = `digest#${today}#${ownerId}`;
    if (!(await deps.sent.claim(claim, 'revisit-digest'))) continue;
    const sorted = lines.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    try {
      await deps.mailer.send({
        to: owner.email,
        ...revisitDigestMail(
          owner.name,
          today,
          sorted.filter((line) => line.dueAt < at),
          sorted.filter((line) => line.dueAt >= at),
        ),
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
  return { sent, owners: byOwner.size };
};
