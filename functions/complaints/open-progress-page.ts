import { complaintOperations } from '../../wiring/operations/complaints';
import { progressQuery, progressTokenPath } from '../../shared/http/contracts/complaints';
import { pageHandler } from '../../shared/http/page-handler';
import { progressPage } from '../../shared/presentation/pages/complaint-progress-pages';
import { linkProblemPage } from '../../shared/presentation/pages/survey-pages';
import { openProgress } from '../../shared/services/complaints/progress-service';
import { progressDeps } from './complaint-deps';

/**
 * `GET /c/{token}[?answer=solved|not_solved&round=…]`: the customer's progress page, with the
 * result's answer preselected when they came from its email. Records nothing.
 */
export const handler = pageHandler(
  complaintOperations.openComplaintProgressPage,
  async (request) => {
    const path = progressTokenPath.safeParse(request.path);
    if (!path.success) return linkProblemPage(request.language, 'forged');
    const opened = await openProgress(progressDeps(), path.data.token);
    if (!opened.ok) return linkProblemPage(request.language, 'not-found');
    const query = progressQuery.safeParse(request.query);
    const awaiting = opened.view.awaitingConfirmation;
    const answer =
      query.success && awaiting && (query.data.round ?? awaiting.round) === awaiting.round
        ? query.data.answer
        : undefined;
    return progressPage({
      language: opened.language,
      timeZone: opened.timeZone,
      token: path.data.token,
      view: opened.view,
      messageId: progressDeps().ids.next(),
      answer,
    });
  },
);
