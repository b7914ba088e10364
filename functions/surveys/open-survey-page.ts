import { surveyOperations } from '../../wiring/operations/surveys';
import { answerQuery, surveyTokenPath } from '../../shared/http/contracts/surveys';
import { pageHandler } from '../../shared/http/page-handler';
import { answerFormPage, linkProblemPage } from '../../shared/presentation/pages/survey-pages';
import type { Score } from '../../shared/domain/surveys/scale';
import { openSurveyLink } from '../../shared/services/surveys/answers';
import { surveyDeps } from './survey-deps';

/**
 * `GET /s/{token}?score=n`: the answer page with the score preselected. Records nothing, because
 * mail security scanners follow every link in an email.
 */
export const handler = pageHandler(surveyOperations.openSurveyPage, async (request) => {
  const path = surveyTokenPath.safeParse(request.path);
  if (!path.success) return linkProblemPage(request.language, 'forged');
  const opened = await openSurveyLink(surveyDeps(), path.data.token);
  if (!opened.ok) return linkProblemPage(opened.language ?? request.language, opened.problem);
  const query = answerQuery.safeParse(request.query);
  const selected = query.success ? (query.data.score as Score | undefined) : undefined;
  const earlier = opened.survey.answer;
  return answerFormPage({
    language: opened.language,
    token: path.data.token,
    question: opened.question,
    ...(selected ? { selected } : {}),
    ...(earlier
      ? {
          answeredBefore: {
            score: earlier.score,
            ...(earlier.comment ? { comment: earlier.comment } : {}),
          },
        }
      : {}),
  });
});
