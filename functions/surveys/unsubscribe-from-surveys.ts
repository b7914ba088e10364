import { surveyOperations } from '../../wiring/operations/surveys';
import { surveyTokenPath, unsubscribeForm } from '../../shared/http/contracts/surveys';
import { pageHandler } from '../../shared/http/page-handler';
import {
  errorPage,
  linkProblemPage,
  unsubscribedPage,
} from '../../shared/presentation/pages/survey-pages';
import { unsubscribeByLink } from '../../shared/services/surveys/answers';
import { surveyDeps } from './survey-deps';

/**
 * `POST /s/{token}/unsubscribe`: from the confirmation page, or RFC 8058 one-click from the mail
 * client (`List-Unsubscribe=One-Click`). Withdraws survey consent, recorded with its time.
 */
export const handler = pageHandler(surveyOperations.unsubscribeFromSurveys, async (request) => {
  const path = surveyTokenPath.safeParse(request.path);
  if (!path.success) return linkProblemPage(request.language, 'forged');
  if (!unsubscribeForm.safeParse(request.form).success) return errorPage(request.language, 400);
  const outcome = await unsubscribeByLink(surveyDeps(), path.data.token);
  if (!outcome.ok) return linkProblemPage(request.language, outcome.problem);
  return unsubscribedPage(outcome.language);
});
