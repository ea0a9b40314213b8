import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { AFTERCARE, BACKLOG, COUNTS } from '../db/report-figures';
import { VISIT_FIGURES } from '../db/visit-figures';
import { SCREENING, SCREENING_RATE } from '../db/screening-figures';
import { REPORT_NAMES, REPORTS } from '../domain/reports/catalogue';
import { RATE_FORMULAS } from '../domain/reports/report-service';
import { ReportEnvelopeSchema, ReportQuerySchema, SummaryReportExample } from '../domain/contract/reports';
import { ANALYSIS_EXAMPLE } from './openapi-analysis-example';
import { ErrorSchema } from './errors';
import { BACKLOG_REGISTER } from '../db/backlog/figures';
import { errors, security } from './openapi-parts';
import { DOCUMENT_TYPES, offersDocument } from '../domain/reports/documents';

/** The definitions, as the reports' API docs state them (the same text the SQL is written from). */
const FORMULAS = [
  ...Object.values(COUNTS).map((c) => `${c.label}: ${c.formula}`),
  ...Object.values(RATE_FORMULAS),
  `${BACKLOG.label}: ${BACKLOG.formula}`,
  ...Object.values(AFTERCARE).map((c) => `${c.label}: ${c.formula}`),
  ...Object.values(VISIT_FIGURES).map((c) => `${c.label}(${c.unit}): ${c.formula}`),
  ...[...Object.values(SCREENING), SCREENING_RATE].map((c) => `${c.label}: ${c.formula}`),
  ...Object.values(BACKLOG_REGISTER).map((c) => `${c.label} (积案台账): ${c.formula}`),
  '积案化解率 (campaigns): entries resolved (化解) ÷ entries of the campaign; null without entries',
  'Shares: one decimal, largest-remainder rounding, so that the shares of a split add up to 100.0%.',
  'Comparisons (`comparisons`, all reports but briefing and by-month): the same report for the period before ' +
    '(环比, `previousPeriod`) and a year earlier (同比, `previousYear`), each as old as this one (its asOf shifted ' +
    'with the period); counts change in percent (`changePercent`), rates and shares in percentage points ' +
    '(`changePoints`); `null` with `noData: true` where the earlier period had none; figures as the cases stand ' +
    'now are marked `standsNow` and not compared.',
]
  .map((line) => `- ${line}`)
  .join('\n');

const EXAMPLES: Partial<Record<string, object>> = {
  summary: SummaryReportExample,
  briefing: {
    report: 'briefing',
    period: SummaryReportExample.period,
    scope: SummaryReportExample.scope,
    asOf: SummaryReportExample.asOf,
    text: '2026年7月1日至9月30日，青山县信访局受理信访事项120件，其中初信初访90件，占比75.0%，重复信访30件，占比25.0%；…',
  },
  analysis: ANALYSIS_EXAMPLE,
};

/** `GET /api/reports/*`: each report, with the figures' formulas and a CSV alternative. */
export function registerReportPaths(registry: OpenAPIRegistry) {
  for (const name of REPORT_NAMES) {
    const definition = REPORTS[name];
    const content: Record<string, object> = {
      'application/json': {
        schema: ReportEnvelopeSchema,
        ...(EXAMPLES[name] ? { example: EXAMPLES[name] } : {}),
      },
    };
    if ('csv' in definition) {
      content['text/csv'] = {
        schema: { type: 'string' },
        example:
          '\uFEFF指标,代码,数值,分子,分母,上期,上年同期,环比(%),同比(%),比较口径\r\n' +
          '受理信访事项(件),received,120,,,104,150,15.4,-20,百分比\r\n',
      };
    }
    // Word and Excel (issue 23): binary, by `format=docx|xlsx` or the matching Accept header.
    for (const format of ['docx', 'xlsx'] as const) {
      if (offersDocument(name, format))
        content[DOCUMENT_TYPES[format]] = { schema: { type: 'string', format: 'binary' } };
    }
    registry.registerPath({
      method: 'get',
      path: `/api/reports/${name}`,
      summary: definition.description,
      description: `Counted in PostgreSQL over the caller’s scope (its unit and everything under it) for a period of received cases.\n\n${FORMULAS}`,
      tags: ['reports'],
      security,
      request: { query: ReportQuerySchema },
      responses: {
        200: { description: 'The report', content },
        ...errors,
        403: {
          description: 'The unit asked for is outside the caller’s scope',
          content: { 'application/json': { schema: ErrorSchema } },
        },
        404: {
          description: 'No such unit',
          content: { 'application/json': { schema: ErrorSchema } },
        },
        406: {
          description:
            'A format this report does not come in (`format=` or the `Accept` header): CSV and Excel are ' +
            'for the table reports, Word for the written ones',
          content: { 'application/json': { schema: ErrorSchema } },
        },
      },
    });
  }
}
