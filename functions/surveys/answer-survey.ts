import { withBusinessMetrics } from '../../shared/adapters/metrics';
import { surveyOperations } from '../../wiring/operations/surveys';
import { answerForm, surveyTokenPath } from '../../shared/http/contracts/surveys';
import { pageHandler } from '../../shared/http/page-handler';
import {
  answerFormPage,
  linkProblemPage,
  thankYouPage,
} from '../../shared/presentation/pages/survey-pages';
import type { Score } from '../../shared/domain/surveys/scale';
import { answerByLink, openSurveyLink } from '../../shared/services/surveys/answers';
import { meteredSurveyDeps } from './survey-deps';

const PICK_A_SCORE = {
  'zh-CN': '请选择一项评价后再提交。',
  'zh-TW': '請選擇一項評價後再提交。',
  en: 'Please choose one answer before sending.',
} as const;

/**
 * `POST /s/{token}`: records the answer chosen on the page (SurveysAnswered, or
 * SurveyAnswersChanged within the grace window) and thanks the customer.
 */
export const handler = withBusinessMetrics(
  pageHandler(surveyOperations.answerSurvey, async (request) => {
    const path = surveyTokenPath.safeParse(request.path);
    if (!path.success) return linkProblemPage(request.language, 'forged');
    const form = answerForm.safeParse(request.form);
    if (!form.success) {
      const opened = await openSurveyLink(meteredSurveyDeps(), path.data.token);
      if (!opened.ok) return linkProblemPage(opened.language ?? request.language, opened.problem);
      const comment = typeof request.form.comment === 'string' ? request.form.comment : undefined;
      return answerFormPage({
        language: opened.language,
        token: path.data.token,
        question: opened.question,
        ...(comment ? { comment: comment.slice(0, 2000) } : {}),
        error: PICK_A_SCORE[opened.language],
      });
    }
    const outcome = await answerByLink(meteredSurveyDeps(), path.data.token, {
      score: form.data.score as Score,
      comment: form.data.comment,
    });
    if (!outcome.ok) return linkProblemPage(outcome.language ?? request.language, outcome.problem);
    return thankYouPage(outcome.language, outcome.score);
  }),
);
