import {
  type CsvTable,
  type ReportDefinition,
  type ReportEnvelope,
  reportEnvelope,
  REPORTS,
  reportTable,
} from '../catalogue';
import { chinesePeriod } from '../period';
import type { ReportContext, ReportService, SplitRow } from '../report-service';
import { domainChart, monthChart, monthsOf, monthText, pieChart, unitsChart } from './chart-options';
import { NO_DATA_TEXT, NO_RATE_TEXT } from './no-data';
import { registerTables } from './register-tables';
import { type SheetSpec, workbookOf } from './workbook';
import {
  type Block,
  chart,
  docxOf,
  heading,
  paragraph,
  subtitle,
  table,
  tableOfColumns,
  title,
} from './word';

type Data = Record<string, unknown>;
/** The bars a chart shows at most. */
const CHART_ROWS = 20;
type MonthRow = { month: string; received: number; onTimeCompletion: { rate: number | null } };

/** The reports the quarterly briefing is made of, each computed by its own definition (the same figures). */
const PARTS = [
  'summary',
  'by-unit',
  'by-domain',
  'by-channel',
  'by-level',
  'by-month',
  'briefing',
  'campaigns',
] as const;
type Part = (typeof PARTS)[number];

export interface BriefingParts {
  ctx: ReportContext;
  data: Record<Part, Data>;
}

export async function briefingParts(service: ReportService, ctx: ReportContext): Promise<BriefingParts> {
  // The summary as its envelope, with its comparisons: the workbook's sheet carries them as the CSV does.
  const computed = await Promise.all(
    PARTS.map((name) =>
      name === 'summary' ? reportEnvelope(service, name, ctx) : REPORTS[name].compute(service, ctx),
    ),
  );
  return {
    ctx,
    data: Object.fromEntries(PARTS.map((name, i) => [name, computed[i]!])) as Record<Part, Data>,
  };
}

type TablePart = Exclude<Part, 'briefing'>;
/** A table report's CSV table: its columns, and its rows of the data. */
const csvOf = (name: TablePart): CsvTable => (REPORTS[name] as ReportDefinition).csv!;
const rowsOf = (name: TablePart, data: Data) => csvOf(name).rows(data) as never[];

function everyMonth(ctx: ReportContext, data: Data): MonthRow[] {
  const found = new Map((data.rows as MonthRow[]).map((r) => [r.month, r]));
  return monthsOf(ctx.period.from, ctx.period.to).map(
    (month) => found.get(month) ?? { month, received: 0, onTimeCompletion: { rate: null } },
  );
}

const splitRows = (data: Data) => data.rows as SplitRow[];
const received = (data: Data) => (data.received as number) + (data.transferredOut as number);

/** Who and when, under the title: 青山县信访局 · 2024年4月1日至6月30日 · 数据截至2024-07-08. */
export const takenOver = (ctx: ReportContext) =>
  `${ctx.scope.unit.name} · ${chinesePeriod(ctx.period)}（${ctx.period.label}） · 数据截至${ctx.asOf}`;

/** The quarterly briefing as Word: title, the paragraph, the tables and the charts as pictures. */
export async function briefingDocx({ ctx, data }: BriefingParts): Promise<Buffer> {
  const columns = (name: TablePart) => csvOf(name).columns;
  // The charts show the first ones (a province has hundreds of units: the picture stays a page); the tables all.
  const allUnits = data['by-unit'].rows as Array<{ name: string; count: number; share: number }>;
  const units = allUnits.slice(0, CHART_ROWS);
  const domains = splitRows(data['by-domain']).filter((r) => r.count > 0);
  const months = everyMonth(ctx, data['by-month']);
  const splitTable = (rows: SplitRow[]) =>
    table(
      ['项目', '件数', '占比(%)'],
      rows.filter((r) => r.count > 0).map((r) => [r.label, String(r.count), r.share.toFixed(1)]),
    );
  const blocks: Array<Block | Promise<Block>> = [
    title('信访工作情况通报'),
    subtitle(takenOver(ctx)),
    heading('一、总体情况'),
    paragraph(String(data.briefing.text)),
    ...(received(data.summary) === 0 ? [paragraph(`${NO_DATA_TEXT}。`)] : []),
    heading('二、主要指标'),
    tableOfColumns(columns('summary'), rowsOf('summary', data.summary)),
    heading(`三、责任单位排名${allUnits.length > CHART_ROWS ? `（图示前${CHART_ROWS}个单位）` : ''}`),
    chart(unitsChart(units), { width: 605, height: Math.max(160, units.length * 30 + 40) }),
    tableOfColumns(columns('by-unit'), rowsOf('by-unit', data['by-unit'])),
    heading('四、诉求领域'),
    chart(domainChart(domains.slice(0, CHART_ROWS))),
    splitTable(domains),
    heading('五、信访渠道与信访层级'),
    chart(pieChart(splitRows(data['by-channel'])), { width: 605, height: 260 }),
    splitTable(splitRows(data['by-channel'])),
    chart(pieChart(splitRows(data['by-level'])), { width: 605, height: 260 }),
    splitTable(splitRows(data['by-level'])),
    heading('六、月度趋势'),
    chart(
      monthChart(
        months.map((m) => m.month),
        months,
      ),
    ),
    table(
      ['月份', '受理件数', '按期办结率(%)'],
      months.map((m) => [
        monthText(m.month),
        String(m.received),
        m.onTimeCompletion.rate === null ? NO_RATE_TEXT : m.onTimeCompletion.rate.toFixed(1),
      ]),
    ),
    ...registerTables(data.summary as never, data.campaigns as never),
  ];
  return docxOf(blocks, `信访工作情况通报 ${ctx.scope.unit.name} ${ctx.period.label}`);
}

/** The briefing's tables as one workbook, a sheet each, with the CSV's Chinese headers. */
export async function briefingWorkbook({ ctx, data }: BriefingParts): Promise<Buffer> {
  const sheet = (name: string, part: TablePart, rows?: unknown[]): SheetSpec => ({
    name,
    columns: csvOf(part).columns,
    rows: rows ?? rowsOf(part, data[part]),
  });
  return workbookOf([
    { name: '主要指标', ...reportTable(data.summary as ReportEnvelope)! },
    sheet('责任单位', 'by-unit'),
    sheet('诉求领域', 'by-domain'),
    sheet('信访渠道', 'by-channel'),
    sheet('信访层级', 'by-level'),
    sheet('月度趋势', 'by-month', everyMonth(ctx, data['by-month'])),
  ]);
}
