import { fieldError } from '../../errors';
import { type ReportDefinition, reportEnvelope, type ReportName, REPORTS, reportTable } from '../catalogue';
import type { ReportContext, ReportService } from '../report-service';
import { situationAnalysis } from '../analysis';
import { analysisDocx, analysisWorkbook } from './analysis-document';
import { briefingDocx, briefingParts, briefingWorkbook } from './briefing-document';
import { DOCX_TYPE, XLSX_TYPE } from './media-types';
import { workbookOf } from './workbook';

/** The documents people hand on (issue 23 item 5): Word for the written reports, Excel for every table. */
export type DocumentFormat = 'docx' | 'xlsx';
export const DOCUMENT_TYPES: Record<DocumentFormat, string> = { docx: DOCX_TYPE, xlsx: XLSX_TYPE };

type Builder = (service: ReportService, ctx: ReportContext) => Promise<Buffer>;

/** The written reports, as Word; their tables as a workbook. */
const WRITTEN: Partial<Record<ReportName, Partial<Record<DocumentFormat, Builder>>>> = {
  briefing: {
    docx: async (service, ctx) => briefingDocx(await briefingParts(service, ctx)),
    xlsx: async (service, ctx) => briefingWorkbook(await briefingParts(service, ctx)),
  },
  analysis: {
    docx: async (service, ctx) => analysisDocx(ctx, await situationAnalysis(service, ctx)),
    xlsx: async (service, ctx) => analysisWorkbook(await situationAnalysis(service, ctx)),
  },
};

/** The sheet's name: what the table is, in the bureau's words. */
const SHEET_NAMES: Partial<Record<ReportName, string>> = {
  summary: '主要指标',
  'by-unit': '责任单位',
  'by-channel': '信访渠道',
  'by-domain': '诉求领域',
  'by-level': '信访层级',
  'by-month': '月度趋势',
  backlog: '积案',
  supervision: '督办',
};

/** Whether the report comes as that document: Word for the written ones, Excel for every table. */
export function offersDocument(name: ReportName, format: DocumentFormat): boolean {
  const definition: ReportDefinition = REPORTS[name];
  return WRITTEN[name]?.[format] !== undefined || (format === 'xlsx' && definition.csv !== undefined);
}

/** The report as a document; ask `offersDocument` first. */
export async function reportDocument(
  service: ReportService,
  name: ReportName,
  ctx: ReportContext,
  format: DocumentFormat,
): Promise<Buffer> {
  const written = WRITTEN[name]?.[format];
  if (written) {
    if (ctx.groupBy !== undefined) throw fieldError('groupBy', 'applies to the by-domain report only');
    return written(service.forRequest(), ctx);
  }
  // The CSV's table, comparison columns (上期, 上年同期, 环比, 同比, 比较口径) included.
  const table = reportTable(await reportEnvelope(service, name, ctx))!;
  return workbookOf([{ name: SHEET_NAMES[name] ?? name, ...table }]);
}
