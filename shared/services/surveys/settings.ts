import { DEFAULT_SURVEY_SETTINGS, type SurveySettings } from '../../domain/surveys/settings';
import type { OrganizationRepository } from '../organization/ports';

/** The settings set through `/survey-settings`, else the defaults. */
export const surveySettings = async (deps: {
  organization: OrganizationRepository;
}): Promise<SurveySettings> =>
  (await deps.organization.getSurveySettings())?.value ?? DEFAULT_SURVEY_SETTINGS;
