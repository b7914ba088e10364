import { notFound } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import type { Survey } from '../../domain/surveys/survey';
import type { SurveyServiceDeps } from './ports';

export const getSurvey = async (
  deps: Pick<SurveyServiceDeps, 'surveys'>,
  id: string,
): Promise<Survey> => {
  const survey = await deps.surveys.get(id);
  if (!survey) throw notFound('Survey', id);
  return survey;
};

export const listCustomerSurveys = async (
  deps: Pick<SurveyServiceDeps, 'surveys' | 'customers'>,
  customerId: string,
  page: PageRequest,
): Promise<Page<Survey>> => {
  if (!(await deps.customers.get(customerId))) throw notFound('Customer', customerId);
  return deps.surveys.listForCustomer(customerId, page);
};
