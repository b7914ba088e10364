import { reportCsv } from '../../shared/presentation/reports/csv';
import { type ApiResult, apiHandler } from '../../shared/http/api-handler';
import { reportOperations } from '../../wiring/operations/reports';
import { serviceQualityReport } from '../../shared/services/reports/service-quality';
import { reportDeps } from './report-deps';

const wantsCsv = (accept: string | undefined) => /\btext\/csv\b/i.test(accept ?? '');

/** JSON by default; `Accept: text/csv` gives one line per figure with the previous period's value. */
export const handler = apiHandler(
  reportOperations.getServiceQualityReport,
  async ({ query, headers, principal }): Promise<ApiResult> => {
    const report = await serviceQualityReport(reportDeps(), query, principal);
    if (!wantsCsv(headers.accept))
      return { status: 200, body: report, headers: { Vary: 'Accept' } };
    const filter = Object.values(report.filter).join('-');
    return {
      status: 200,
      text: reportCsv(report),
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="service-quality-${report.period}${filter ? `-${filter}` : ''}.csv"`,
        Vary: 'Accept',
      },
    };
  },
);
