import { reportViewQuery, serviceQualityQuery, serviceQualityReportSchema } from './reports';
import type { OperationContract } from './operation-contract';

/**
 * The contracts of reports: handlers validate with them, the OpenAPI
 * document lists them.
 */
export const reportOperations = {
  getServiceQualityReport: {
    operationId: 'getServiceQualityReport',
    query: serviceQualityQuery,
    responses: {
      200: {
        description:
          'The figures of the period and of the one before, each rate exact with its formula (null when there is no data); `Accept: text/csv` gives one line per figure instead',
        schema: serviceQualityReportSchema,
        alsoAs: ['text/csv'],
      },
    },
  },
  getServiceQualityView: {
    operationId: 'getServiceQualityView',
    query: reportViewQuery,
    html: true,
    responses: { 200: { description: 'The report as a page with charts (text/html, no script)' } },
  },
} as const satisfies Record<string, OperationContract>;
