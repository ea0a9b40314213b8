import { type Request, type Response, Router } from 'express';
import { REPORT_NAMES, REPORTS, type ReportDefinition } from '../../domain/reports/catalogue';
import { toCsv } from '../../domain/reports/csv';
import type { ReportService } from '../../domain/reports/report-service';
import { AppError } from '../../domain/errors';
import { toShanghaiDate } from '../../rules';
import { currentUser } from '../authentication';
import { ReportQuerySchema } from '../report-schemas';
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
      const data = await definition.compute(reports, ctx);
      const envelope = {
        report: name,
        period: ctx.period,
        scope: { unitId: ctx.scope.unit.id, name: ctx.scope.unit.name, level: ctx.scope.unit.level },
        asOf: ctx.asOf,
        ...data,
      };
      if (csv) return sendCsv(res, `${name}-${ctx.scope.unit.id}-${ctx.period.label}`, definition, envelope);
      res.json(envelope);
    });
  }
  return router;
}

function wantsCsv(req: Request, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function sendCsv(
  res: Response,
  basename: string,
  definition: ReportDefinition,
  data: Record<string, unknown>,
) {
  const { rows, columns } = definition.csv!;
  const filename = `${basename.replaceAll(/[^A-Za-z0-9._-]/g, '_')}.csv`;
  res
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${filename}"`)
    .send(toCsv(columns, rows(data) as never[]));
}
