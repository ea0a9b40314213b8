import { AFTERCARE, type AftercareFigureId } from '../../db/report-figures';
import { fieldError } from '../errors';
import { COUNTS } from '../../db/report-figures';
import { briefingText } from './briefing';
import { screeningLines } from './screening-summary';
import { backlogRegisterLines, CAMPAIGN_COLUMNS } from './backlog-register-csv';
import { situationAnalysis } from './analysis';
import { type CsvColumn, toCsv } from './csv';
import type { Rate, ReportContext, ReportService, SplitRow } from './report-service';
import type { ComparisonSpec } from './comparisons';
import { earlierReport } from './earlier-periods';
import { computeCompared, earlierContext, withComparisonColumns } from './report-comparisons';
import { visitLines } from './visit-report';

/** A report's table for CSV: which rows of its data, and the columns. */
export interface CsvTable {
  rows(data: Record<string, unknown>): unknown[];
  columns: Array<CsvColumn<never>>;
  /** The row's figure the comparison columns (上期, 上年同期, 环比, 同比) show, read from its mirrored row. */
  compared?: (mirroredRow: never) => unknown;
}

/** A report: its data as JSON, and (for tables) its rows and columns as CSV. */
export interface ReportDefinition {
  description: string;
  compute(service: ReportService, ctx: ReportContext): Promise<Record<string, unknown>>;
  csv?: CsvTable;
  /** Takes `groupBy` (the level of the classification). */
  groupsBySubjectMatter?: true;
  /**
   * How its figures compare with the earlier periods (环比, 同比): every figure by default (a report added
   * later too); false: not compared (text, a trend).
   */
  comparison?: ComparisonSpec | false;
}

type Summary = Awaited<ReturnType<ReportService['summary']>>;
type UnitRow = Awaited<ReturnType<ReportService['byUnit']>>[number];
type MonthRow = Awaited<ReturnType<ReportService['byMonth']>>[number];
type BacklogCase = Awaited<ReturnType<ReportService['backlog']>>['cases'][number];
type SupervisionRow = Awaited<ReturnType<ReportService['supervision']>>[number];
type CampaignRow = Awaited<ReturnType<ReportService['campaigns']>>['rows'][number];

function table<Row>(
  rows: (data: Record<string, unknown>) => Row[],
  columns: Array<CsvColumn<Row>>,
  compared?: (mirroredRow: Row) => unknown,
): CsvTable {
  return { rows, columns: columns as Array<CsvColumn<never>>, ...(compared ? { compared } : {}) };
}

const rateCell = (rate: Rate) => rate.rate;

const splitReport = (dimension: 'level' | 'channel', description: string): ReportDefinition => ({
  description,
  compute: (service, ctx) => service.split(ctx, dimension),
  csv: splitCsv(),
  comparison: { rowKey: 'key' },
});

function splitCsv(): CsvTable {
  return table(
    (data) => data.rows as SplitRow[],
    [
      { header: '项目', value: (r) => r.label },
      { header: '代码', value: (r) => r.key },
      { header: '件数', value: (r) => r.count },
      { header: '占比(%)', value: (r) => r.share.toFixed(1) },
    ],
    (r) => r.count,
  );
}

/** By subject matter (诉求领域): by category, or by sub-category; the file's version says whose names. */
const domainReport: ReportDefinition = {
  description:
    'Cases by subject matter (诉求领域), largest first: by category, or with groupBy=subcategory by sub-category',
  groupsBySubjectMatter: true,
  compute: async (service, ctx) => {
    const groupBy = ctx.groupBy ?? 'category';
    const split = await service.split(ctx, 'domain', groupBy);
    return { groupBy, classification: service.classification.reference, ...split };
  },
  csv: splitCsv(),
  comparison: { rowKey: 'key' },
};

interface SummaryLine {
  figure: string;
  label: string;
  value: number | null;
  numerator?: number;
  denominator?: number;
}

/** The summary as lines of a table, for CSV. */
function summaryLines(s: Summary): SummaryLine[] {
  const rateLine = (figure: string, label: string, r: Rate): SummaryLine => ({
    figure,
    label,
    value: r.rate,
    numerator: r.numerator,
    denominator: r.denominator,
  });
  return [
    { figure: 'received', label: '受理信访事项(件)', value: s.received },
    { figure: 'firstTime', label: '初信初访(件)', value: s.firstTime.count },
    { figure: 'firstTimeShare', label: '初信初访占比(%)', value: s.firstTime.share },
    { figure: 'repeat', label: '重复信访(件)', value: s.repeat.count },
    { figure: 'repeatShare', label: '重复信访占比(%)', value: s.repeat.share },
    { figure: 'transferredOut', label: '转出·责任单位不属于本辖区(件)', value: s.transferredOut },
    rateLine('timelyAcceptance', '及时受理率(%)', s.timelyAcceptance),
    rateLine('onTimeCompletion', '按期办结率(%)', s.onTimeCompletion),
    rateLine('participation', '参评率(%)', s.participation),
    rateLine('satisfaction', '满意率(%)', s.satisfaction),
    { figure: 'backlogAtStart', label: '期初积案(件)', value: s.backlog.atStart },
    { figure: 'backlogAtEnd', label: '期末积案(件)', value: s.backlog.atEnd },
    rateLine('backlogCleared', '积案化解率(%)', s.backlog.clearanceRate),
    { figure: 'caseOwned', label: '领导包案(件)', value: s.caseOwned.count },
    rateLine('caseOwnedOnTime', '包案按期办结率(%)', s.caseOwned.onTimeCompletion),
    { figure: 'notices', label: '督办(件)', value: s.supervision.notices },
    { figure: 'escalations', label: '提交联席办(件)', value: s.supervision.escalations },
    { figure: 'listed', label: '挂牌督办(件)', value: s.supervision.listed },
    { figure: 'noticesAutomatic', label: '督办·逾期自动督办(件)', value: s.supervision.bySource.automatic },
    { figure: 'noticesManual', label: '督办·本级督办交办(件)', value: s.supervision.bySource.manual },
    {
      figure: 'noticesJointConference',
      label: '督办·联席会议交办(件)',
      value: s.supervision.bySource.jointConference,
    },
    { figure: 'noticesHigherBureau', label: '督办·上级交办(件)', value: s.supervision.bySource.higherBureau },
    { figure: 'majorUrgentOpen', label: '在办重大紧急信访事项(件)', value: s.priority.majorUrgentOpen },
    { figure: 'firstLevelOpen', label: '在办一级关注(件)', value: s.priority.firstLevelOpen },
    { figure: 'secondLevelOpen', label: '在办二级关注(件)', value: s.priority.secondLevelOpen },
    ...resolutionLines(s.resolution),
    ...aftercareLines(s),
    ...visitLines(s.visits),
    ...screeningLines(s.screening),
    ...backlogRegisterLines(s.backlogRegister),
  ];
}

/** 三到位一处理, agreements, 息诉罢访 and carrying out: labelled from their one definition (COUNTS). */
function resolutionLines(r: Summary['resolution']): SummaryLine[] {
  const line = (figure: keyof typeof COUNTS, value: number) => ({
    figure,
    label: `${COUNTS[figure].label}(件)`,
    value,
  });
  return [
    line('resolved', r.resolved),
    line('educated', r.educated),
    line('aided', r.aided),
    line('lawfullyHandled', r.lawfullyHandled),
    line('agreements', r.agreements),
    line('stoppedPetitioning', r.stoppedPetitioning),
    line('carriedOut', r.carryOut.carriedOut),
    line('carryOutDue', r.carryOut.due),
    line('carryOutOverdue', r.carryOut.overdue),
  ];
}

/** 回访, evaluations by grade and 跟踪回访: each line named and labelled as its definition (AFTERCARE). */
function aftercareLines(s: Summary): SummaryLine[] {
  const { returnVisits: v, evaluations: e, followUps: f } = s.aftercare;
  const values: Record<AftercareFigureId, number> = {
    returnVisits: v.count,
    returnVisitsSatisfied: v.satisfied,
    returnVisitsBasicallySatisfied: v.basicallySatisfied,
    returnVisitsDissatisfied: v.dissatisfied,
    returnVisitsUnreached: v.unreached,
    evaluationsSatisfied: e.satisfied,
    evaluationsBasicallySatisfied: e.basicallySatisfied,
    evaluationsDissatisfied: e.dissatisfied,
    followUpsOpened: f.opened,
    followUpsClosed: f.closed,
    followUpsOverdue: f.overdue,
  };
  return (Object.keys(AFTERCARE) as AftercareFigureId[]).map((figure) => ({
    figure,
    label: `${AFTERCARE[figure].label}(${figure.startsWith('returnVisits') ? '次' : '件'})`,
    value: values[figure],
  }));
}

/**
 * The summary's figures as the cases stand now, whatever the period (not compared with earlier periods):
 * the open priority cases (Art 25, S5) and the supported opinions awaiting their carrying out.
 */
const SUMMARY_STANDS_NOW = ['priority', 'resolution.carryOut.due', 'resolution.carryOut.overdue'];

export const REPORTS = {
  summary: {
    description: 'The headline figures of the period: counts, the four rates, the backlog, 包案, supervision',
    compute: (service, ctx) => service.summary(ctx),
    csv: table(
      (data) => summaryLines(data as unknown as Summary),
      [
        { header: '指标', value: (l) => l.label },
        { header: '代码', value: (l) => l.figure },
        { header: '数值', value: (l) => l.value },
        { header: '分子', value: (l) => l.numerator },
        { header: '分母', value: (l) => l.denominator },
      ],
      (l) => l.value,
    ),
    comparison: { standsNow: SUMMARY_STANDS_NOW },
  },
  'by-unit': {
    description: 'Units ranked by their cases of the period, with on-time completion rate and overdue count',
    compute: async (service, ctx) => ({ rows: await service.byUnit(ctx) }),
    csv: table(
      (data) => data.rows as UnitRow[],
      [
        { header: '排名', value: (r) => r.rank },
        { header: '责任单位', value: (r) => r.name },
        { header: '单位代码', value: (r) => r.unitId },
        { header: '件数', value: (r) => r.count },
        { header: '占比(%)', value: (r) => r.share.toFixed(1) },
        { header: '按期办结率(%)', value: (r) => rateCell(r.onTimeCompletion) },
        { header: '逾期件数', value: (r) => r.overdue },
      ],
      (r) => r.count,
    ),
    comparison: { rowKey: 'unitId', skip: ['rows.rank'] },
  },
  'by-channel': splitReport('channel', 'Cases by channel group: online, visit, letter, other'),
  'by-domain': domainReport,
  'by-level': splitReport(
    'level',
    'Cases by registration level (信访层级): national, province, city, county',
  ),
  'by-month': {
    description: 'Cases received per month of the period, with their on-time completion rate (the trend)',
    compute: async (service, ctx) => ({ rows: await service.byMonth(ctx) }),
    csv: table(
      (data) => data.rows as MonthRow[],
      [
        { header: '月份', value: (r) => r.month },
        { header: '受理件数', value: (r) => r.received },
        { header: '按期办结率(%)', value: (r) => rateCell(r.onTimeCompletion) },
      ],
    ),
    // The months are the trend itself; each month's own 同比 would need months the period does not hold.
    comparison: false,
  },
  backlog: {
    description:
      'The backlog (积案) of cases past D5 without a reply, at the start and end of the period, what was ' +
      'cleared, and the open cases (not the backlog register 积案台账: see campaigns and the summary’s backlogRegister)',
    compute: (service, ctx) => service.backlog(ctx),
    csv: table(
      (data) => data.cases as BacklogCase[],
      [
        { header: '信访事项编号', value: (r) => r.petitionId },
        { header: '责任单位', value: (r) => r.unitName },
        { header: '办理期限', value: (r) => r.handleDue },
        { header: '逾期天数', value: (r) => r.daysOverdue },
      ],
    ),
  },
  supervision: {
    description: 'Supervision notices (督办), escalations to the office and listings of the period, per unit',
    compute: async (service, ctx) => ({ rows: await service.supervision(ctx) }),
    csv: table(
      (data) => data.rows as SupervisionRow[],
      [
        { header: '单位', value: (r) => r.name },
        { header: '单位代码', value: (r) => r.unitId },
        { header: '督办件数', value: (r) => r.notices },
        { header: '提交联席办件数', value: (r) => r.escalations },
        { header: '挂牌督办件数', value: (r) => r.listed },
      ],
      (r) => r.notices,
    ),
    comparison: { rowKey: 'unitId' },
  },
  briefing: {
    description: 'The Chinese paragraph for the quarterly briefing, written from the same figures',
    compute: async (service, ctx) => {
      const lastYear = earlierReport(ctx.period, ctx.asOf, 'previousYear');
      const [summary, levels, channels, domains, units, previousYear, campaigns] = await Promise.all([
        service.summary(ctx),
        service.split(ctx, 'level'),
        service.split(ctx, 'channel'),
        service.split(ctx, 'domain'),
        service.byUnit(ctx),
        // 同比 as the summary's comparisons have it: the same report a year earlier.
        lastYear ? service.summary(earlierContext(ctx, lastYear)) : undefined,
        service.campaigns(ctx),
      ]);
      const figures = {
        ...summary,
        campaigns: campaigns.rows,
        levels: levels.rows,
        channels: channels.rows,
        domains: domains.rows,
        units: units.map((u) => ({ name: u.name, count: u.count })),
        ...(previousYear ? { previousYear } : {}),
      };
      return { text: briefingText(ctx, figures) };
    },
    // Text: its 同比 are written into the paragraph.
    comparison: false,
  },
  campaigns: {
    description:
      'The backlog campaigns (专项攻坚) meeting the period, each with its register entries, 化解 and 化解率 ' +
      'against its target, as of the period’s end',
    compute: (service, ctx) => service.campaigns(ctx),
    csv: table((data) => data.rows as CampaignRow[], CAMPAIGN_COLUMNS),
    // Each campaign's own progress against its target: a campaign is not the same one a period or a year earlier.
    comparison: false,
  },
  analysis: {
    description:
      'The monthly situation analysis (信访形势分析) of a month (`month=2026-07`): the month’s figures, the ' +
      'trend of twelve months, the subject matters rising fastest, clusters of similar new cases',
    compute: (service, ctx) => situationAnalysis(service, ctx),
    // It carries its own trend of twelve months and its month-on-month changes.
    comparison: false,
  },
} satisfies Record<string, ReportDefinition>;

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];

/** A report as the API answers it and the CLI prints it: what it was taken over, then its data. */
export interface ReportEnvelope {
  report: ReportName;
  period: { from: string; to: string; label: string };
  scope: { unitId: string; name: string; level: string };
  asOf: string;
  [field: string]: unknown;
}

export async function reportEnvelope(
  service: ReportService,
  name: ReportName,
  ctx: ReportContext,
): Promise<ReportEnvelope> {
  const definition: ReportDefinition = REPORTS[name];
  if (ctx.groupBy !== undefined && !definition.groupsBySubjectMatter)
    throw fieldError('groupBy', 'applies to the by-domain report only');
  const shared = service.forRequest();
  const compute = (at: ReportContext) => definition.compute(shared, at);
  const { data, comparisons } =
    definition.comparison !== false
      ? await computeCompared(compute, ctx, definition.comparison ?? {})
      : { data: await compute(ctx), comparisons: undefined };
  return {
    report: name,
    period: ctx.period,
    scope: { unitId: ctx.scope.unit.id, name: ctx.scope.unit.name, level: ctx.scope.unit.level },
    asOf: ctx.asOf,
    ...data,
    ...(comparisons ? { comparisons } : {}),
  };
}

/**
 * The report's table (CSV, Excel): its columns and rows, with the comparison columns after them where the
 * report compares its rows; undefined for a report that is text.
 */
export function reportTable(
  envelope: ReportEnvelope,
): { columns: Array<CsvColumn<never>>; rows: never[] } | undefined {
  const definition: ReportDefinition = REPORTS[envelope.report];
  if (!definition.csv) return undefined;
  const { columns, rows, compared } = definition.csv;
  const figures = (envelope.comparisons as { figures?: Record<string, unknown> } | undefined)?.figures;
  if (!compared || !figures) return { columns, rows: rows(envelope) as never[] };
  const table = withComparisonColumns(columns, rows(envelope) as never[], () => rows(figures), compared);
  return { columns: table.columns as Array<CsvColumn<never>>, rows: table.rows as never[] };
}

/** The report's table as CSV (UTF-8 with a byte order mark); undefined for a report that is text. */
export function reportCsv(envelope: ReportEnvelope): string | undefined {
  const table = reportTable(envelope);
  return table && toCsv(table.columns, table.rows);
}
