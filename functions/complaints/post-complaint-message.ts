import { complaintOperations } from '../../wiring/operations/complaints';
import { customerMessageForm, progressTokenPath } from '../../shared/http/contracts/complaints';
import { pageHandler } from '../../shared/http/page-handler';
import { progressPage } from '../../shared/presentation/pages/complaint-progress-pages';
import { PROGRESS_PAGE_TEXTS } from '../../shared/presentation/pages/complaint-progress-texts';
import { linkProblemPage } from '../../shared/presentation/pages/survey-pages';
import { addCustomerMessage } from '../../shared/services/complaints/customer-voice-service';
import { openProgress } from '../../shared/services/complaints/progress-service';
import { progressDeps } from './complaint-deps';

/**
 * `POST /c/{token}/messages`: the customer's message goes on the timeline, the owner is told, and
 * a wait on the customer ends. The form's id makes a second send of the same form add nothing.
 */
export const handler = pageHandler(complaintOperations.postComplaintMessage, async (request) => {
  const path = progressTokenPath.safeParse(request.path);
  if (!path.success) return linkProblemPage(request.language, 'forged');
  const deps = progressDeps();
  const opened = await openProgress(deps, path.data.token);
  if (!opened.ok) return linkProblemPage(request.language, 'not-found');
  const texts = PROGRESS_PAGE_TEXTS[opened.language];
  const form = customerMessageForm.safeParse(request.form);
  if (!form.success) {
    const draft = typeof request.form.message === 'string' ? request.form.message : undefined;
    return progressPage({
      language: opened.language,
      timeZone: opened.timeZone,
      token: path.data.token,
      view: opened.view,
      messageId: deps.ids.next(),
      notice: { kind: 'refused', text: texts.messageEmpty },
      draft: draft?.slice(0, 5000),
    });
  }
  await addCustomerMessage(deps, opened.complaint.id, {
    messageId: form.data.messageId,
    text: form.data.message,
    via: 'page',
  });
  const reopened = await openProgress(deps, path.data.token);
  return progressPage({
    language: opened.language,
    timeZone: opened.timeZone,
    token: path.data.token,
    view: reopened.ok ? reopened.view : opened.view,
    messageId: deps.ids.next(),
    notice: { kind: 'sent', text: texts.messageSent },
  });
});
