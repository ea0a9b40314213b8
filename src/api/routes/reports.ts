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
import {
  DOCUMENT_TYPES,
  type DocumentFormat,
  offersDocument,
  reportDocument,
} from '../../domain/reports/documents';

/** `GET /api/reports/<name>`: every report of the catalogue, as JSON, CSV, Word or Excel, over the caller's scope. */
export function reportRoutes(reports: ReportService): Router {
  const router = Router();
  for (const name of REPORT_NAMES) {
    router.get(`/${name}`, async (req, res) => {
      const { format, ...params } = parseInput(ReportQuerySchema, req.query, 'query');
      const definition: ReportDefinition = REPORTS[name];
      const wanted = wantedFormat(req, format);
      const csv = wanted === 'csv';
      if (csv && !definition.csv) {
        throw new AppError(406, 'not_acceptable', `The ${name} report is text: ask for JSON`);
      }
      if ((wanted === 'docx' || wanted === 'xlsx') && !offersDocument(name, wanted)) {
        throw new AppError(406, 'not_acceptable', `The ${name} report does not come as ${wanted}`);
      }
      const ctx = await reports.context(currentUser(req), params, toShanghaiDate(new Date()));
      if (wanted === 'docx' || wanted === 'xlsx') {
        const document = await reportDocument(reports, name, ctx, wanted);
        return sendDocument(res, `${name}-${ctx.scope.unit.id}-${ctx.period.label}`, wanted, document);
      }
      const envelope = await reportEnvelope(reports, name, ctx);
      if (csv) return sendCsv(res, `${name}-${ctx.scope.unit.id}-${ctx.period.label}`, envelope);
      res.json(envelope);
    });
  }
  return router;
}

type Format = 'json' | 'csv' | DocumentFormat;

/** `format=` if given, else the `Accept` header (JSON first: an Accept of any type gets JSON). */
function wantedFormat(req: Request, format: Format | undefined): Format {
  if (format) return format;
  const accepted = req.accepts(['application/json', 'text/csv', DOCUMENT_TYPES.docx, DOCUMENT_TYPES.xlsx]);
  if (accepted === 'text/csv') return 'csv';
  if (accepted === DOCUMENT_TYPES.docx) return 'docx';
  if (accepted === DOCUMENT_TYPES.xlsx) return 'xlsx';
  return 'json';
}

const safeFilename = (basename: string, extension: string) =>
  `${basename.replaceAll(/[^A-Za-z0-9._-]/g, '_')}.${extension}`;

function sendDocument(res: Response, basename: string, format: DocumentFormat, body: Buffer) {
  res
    .type(DOCUMENT_TYPES[format])
    .set('Content-Disposition', `attachment; filename="${safeFilename(basename, format)}"`)
    .send(body);
}

function sendCsv(res: Response, basename: string, envelope: ReportEnvelope) {
  const filename = safeFilename(basename, 'csv');
  res
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${filename}"`)
    .send(reportCsv(envelope));
}
