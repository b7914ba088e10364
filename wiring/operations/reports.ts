import { SCOPES } from '../names';
import { operationGroup } from './operation';
import {
  reportViewQuery,
  serviceQualityQuery,
  serviceQualityReportSchema,
} from '../../shared/http/contracts/reports';

/**
 * The operations of reports: route, scopes and contract of each, in one entry. The manifest, the
 * OpenAPI document and the handlers all read them.
 */
export const reportOperations = operationGroup(
  { tag: 'Reports', folder: 'reports' },
  {
    getServiceQualityReport: {
      method: 'GET',
      path: '/reports/service-quality',
      file: 'get-service-quality-report',
      scopes: [SCOPES.reportsRead],
      summary:
        'Service-quality figures of a period (the current month unless told) with the previous one: satisfaction, first response, resolution, SLA, service errors, revisits; one staff member (agent=) and the staff ranking',
      query: serviceQualityQuery,
      findsByQuery: true,
      responses: {
        200: {
          description:
            "The figures of the period and of the one before, each rate exact with its formula (null when there is no data); with agent= the staff member's figures (`agent`); always the staff ranking the caller may see (`agents`: supervisors their department, admins all, integrators none); `Accept: text/csv` gives one line per figure instead. A staff member the caller may not see, like an unknown id, is a 404",
          schema: serviceQualityReportSchema,
          alsoAs: ['text/csv'],
        },
      },
    },
    getServiceQualityView: {
      method: 'GET',
      path: '/reports/service-quality/view',
      file: 'view-service-quality-report',
      scopes: [SCOPES.reportsRead],
      summary: 'The same report as a readable page with charts (SVG, no script)',
      query: reportViewQuery,
      findsByQuery: true,
      html: true,
      responses: {
        200: { description: 'The report as a page with charts (text/html, no script)' },
      },
    },
  },
);
