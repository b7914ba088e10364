import { systemClock } from '../../shared/adapters/clock';
import { serviceQualityPage } from '../../shared/presentation/reports/report-page';
import { apiHandler } from '../../shared/http/api-handler';
import { reportOperations } from '../../wiring/operations/reports';
import { holidayScheduleNotices } from '../../shared/services/complaints/calendar-source';
import { serviceQualityReport } from '../../shared/services/reports/service-quality';
import { reportDeps } from './report-deps';

/** The report as a page: SVG charts drawn on the server, no script, nothing loaded from elsewhere. */
export const handler = apiHandler(
  reportOperations.getServiceQualityView,
  async ({ query, principal }) => ({
    status: 200,
    text: serviceQualityPage(
      await serviceQualityReport(reportDeps(), query, principal),
      await holidayScheduleNotices(reportDeps().organization, systemClock),
    ),
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'",
      'Cache-Control': 'no-store',
    },
  }),
);
