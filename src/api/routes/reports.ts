import { type Request, type Response, Router } from 'express';
import {
  REPORT_NAMES,
  REPORTS,
  reportCsv,
  type ReportDefinition,
  type ReportEnvelope,
  reportEnvelope,
} from '../../domain/reports/catalogue';
import type { ReportService } from '../../domain/reports/report-service';
import { AppError } from '../../domain/errors';
import { toShanghaiDate } from '../../rules';
import { currentUser } from '../authentication';
import { ReportQuerySchema } from '../../domain/contract/reports';
import { parseInput } from '../validation';

/** `GET /api/reports/<name>`: every report of the catalogue, as JSON or CSV, over the caller's scope. */
export function reportRoutes(reports: ReportService): Router {
  const router = Router();
  for (const name of REPORT_NAMES) {
    router.get(`/${name}`, async (req, res) => {
      const { format, ...params } = parseInput(ReportQuerySchema, req.query, 'query');
      const definition: ReportDefinition = REPORTS[name];
      const csv = wantsCsv(req, format);
      if (csv && !definition.csv) {
        throw new AppError(406, 'not_acceptable', `The ${name} report is text: ask for JSON`);
      }
      const ctx = await reports.context(currentUser(req), params, toShanghaiDate(new Date()));
      const envelope = await reportEnvelope(reports, name, ctx);
      if (csv) return sendCsv(res, `${name}-${ctx.scope.unit.id}-${ctx.period.label}`, envelope);
      res.json(envelope);
    });
  }
  return router;
}

function wantsCsv(req: Request, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function sendCsv(res: Response, basename: string, envelope: ReportEnvelope) {
  const filename = `${basename.replaceAll(/[^A-Za-z0-9._-]/g, '_')}.csv`;
  res
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${filename}"`)
    .send(reportCsv(envelope));
}
