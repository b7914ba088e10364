import { DomainError } from '../../domain/errors';
import { SCALE_LABELS, type Score } from '../../domain/surveys/scale';
import { linkFollowUpComplaint, needsFollowUp } from '../../domain/surveys/survey';
import { fileNewComplaint } from '../complaints/intake-service';
import type { SurveyServiceDeps } from './ports';

export interface AnsweredSurvey {
  surveyId: string;
  score: number;
  about?: { type: 'complaint' | 'revisit'; id: string; department?: string | undefined };
}

/**
 * A score of 1 or 2 opens a complaint follow-up for the department concerned (the closed
 * complaint's or the revisit's, else routing decides), once per survey: the follow-up is
 * claimed first and linked on the survey; a changed answer does not open a second one, and an
 * event whose low score the customer has since raised opens none.
 */
export const openFollowUp = async (
  deps: SurveyServiceDeps,
  answered: AnsweredSurvey,
): Promise<string> => {
  if (!needsFollowUp(answered.score as Score)) return 'no follow-up needed';
  const survey = await deps.surveys.get(answered.surveyId);
  if (!survey?.answer) return 'survey not answered';
  // The event may be older than the answer: a customer who changed 1 to 5 within the grace
  // window gets no complaint, and the one filed is worded from the answer that stands.
  if (!needsFollowUp(survey.answer.score)) return 'answer since changed, no follow-up needed';
  if (survey.followUpComplaintId) return `follow-up ${survey.followUpComplaintId} exists`;
  if (!(await deps.sent.claim(survey.id, 'survey-follow-up'))) return 'follow-up already opened';
  const { score, comment } = survey.answer;
  let complaintId: string;
  try {
    const complaint = await fileNewComplaint(
      deps,
      {
        customerId: survey.customerId,
        channel: survey.answer.via === 'reply' ? 'email' : 'web',
        subject: `满意度回访跟进 Survey follow-up: ${SCALE_LABELS['zh-CN'][score]} (${score}/5)`,
        description: [
          `The customer answered a ${survey.kind} survey with ${score}/5.`,
          survey.about ? `About ${survey.about.type} ${survey.about.id}.` : '',
          comment ? `Comment: ${comment}` : 'No comment given.',
        ]
          .filter(Boolean)
          .join('\n'),
        severity: score === 1 ? 'high' : 'normal',
        origin: {
          type: 'survey',
          id: survey.id,
          ...(survey.about?.department ? { department: survey.about.department } : {}),
        },
      },
      'survey-follow-up',
    );
    complaintId = complaint.id;
  } catch (error) {
    await deps.sent.release(survey.id, 'survey-follow-up');
    throw error;
  }
  // Filed: from here on the claim stays, so a retry never files a second complaint.
  for (let attempt = 1; ; attempt++) {
    const current = (await deps.surveys.get(survey.id)) ?? survey;
    try {
      await deps.surveys.save(
        current,
        linkFollowUpComplaint(current, complaintId, deps.clock.now()),
      );
      return `opened ${complaintId}`;
    } catch (error) {
      const stale = error instanceof DomainError && error.kind === 'stale-version';
      if (!stale || attempt >= 3) throw error;
    }
  }
};
