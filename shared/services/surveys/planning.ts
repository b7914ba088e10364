import {
  afterCaseSendAt,
  scheduleSurvey,
  type SurveyAbout,
  type SurveyKind,
} from '../../domain/surveys/survey';
import type { SurveyServiceDeps } from './ports';
import { surveySettings } from './settings';

export interface CaseEnded {
  kind: Extract<SurveyKind, 'after-complaint' | 'after-revisit'>;
  customerId: string;
  about: SurveyAbout;
  endedAt: string;
}

/**
 * Schedules the survey about a closed complaint or a completed revisit, once per case (the plan
 * key is the case), to go out after the configured delay; the due sweep sends it.
 */
export const planAfterCaseSurvey = async (
  deps: Pick<SurveyServiceDeps, 'surveys' | 'organization' | 'clock' | 'ids'>,
  ended: CaseEnded,
): Promise<'scheduled' | 'already-scheduled'> => {
  const settings = await surveySettings(deps);
  const survey = scheduleSurvey(
    deps.ids.next(),
    { customerId: ended.customerId, kind: ended.kind, about: ended.about },
    afterCaseSendAt(new Date(ended.endedAt), settings),
    deps.clock.now(),
  );
  const planned = await deps.surveys.plan(survey, `${ended.about.type}:${ended.about.id}`);
  return planned ? 'scheduled' : 'already-scheduled';
};
