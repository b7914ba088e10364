import { surveyOperations } from '../../wiring/operations/surveys';
import { surveyTokenPath } from '../../shared/http/contracts/surveys';
import { pageHandler } from '../../shared/http/page-handler';
import {
  linkProblemPage,
  unsubscribeConfirmPage,
} from '../../shared/presentation/pages/survey-pages';
import { openSurveyLink } from '../../shared/services/surveys/answers';
import { surveyDeps } from './survey-deps';

/** `GET /s/{token}/unsubscribe`: asks to confirm with one button; the GET changes nothing. */
export const handler = pageHandler(surveyOperations.openUnsubscribePage, async (request) => {
  const path = surveyTokenPath.safeParse(request.path);
  if (!path.success) return linkProblemPage(request.language, 'forged');
  const opened = await openSurveyLink(surveyDeps(), path.data.token, { allowExpired: true });
  if (!opened.ok) return linkProblemPage(opened.language ?? request.language, opened.problem);
  return unsubscribeConfirmPage(opened.language, path.data.token);
});
