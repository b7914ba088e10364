import { complaintOperations } from '../../wiring/operations/complaints';
import { progressTokenPath, resolutionAnswerForm } from '../../shared/http/contracts/complaints';
import { pageHandler } from '../../shared/http/page-handler';
import {
  answerOutcomePage,
  progressPage,
} from '../../shared/presentation/pages/complaint-progress-pages';
import { PROGRESS_PAGE_TEXTS } from '../../shared/presentation/pages/complaint-progress-texts';
import { linkProblemPage } from '../../shared/presentation/pages/survey-pages';
import { answerResolution } from '../../shared/services/complaints/customer-voice-service';
import { openProgress } from '../../shared/services/complaints/progress-service';
import { progressDeps } from './complaint-deps';

/**
 * `POST /c/{token}/resolution`: the customer's word on the result. Solved closes the complaint
 * (survey and revisit follow), not solved reopens it to its owner with their words.
 */
export const handler = pageHandler(
  complaintOperations.answerComplaintResolution,
  async (request) => {
    const path = progressTokenPath.safeParse(request.path);
    if (!path.success) return linkProblemPage(request.language, 'forged');
    const deps = progressDeps();
    const opened = await openProgress(deps, path.data.token);
    if (!opened.ok) return linkProblemPage(request.language, 'not-found');
    const form = resolutionAnswerForm.safeParse(request.form);
    if (!form.success) {
      return progressPage({
        language: opened.language,
        timeZone: opened.timeZone,
        token: path.data.token,
        view: opened.view,
        messageId: deps.ids.next(),
        notice: { kind: 'refused', text: PROGRESS_PAGE_TEXTS[opened.language].pickAnswer },
      });
    }
    const { outcome } = await answerResolution(deps, opened.complaint.id, {
      answer: form.data.answer,
      round: form.data.round,
      words: form.data.words,
      via: 'link',
    });
    const kind =
      outcome === 'closed' || outcome === 'already-closed'
        ? 'closed'
        : outcome === 'reopened'
          ? 'reopened'
          : outcome === 'reopen-window-passed'
            ? 'window-passed'
            : 'stale';
    return answerOutcomePage(opened.language, path.data.token, kind);
  },
);
