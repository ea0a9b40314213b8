import type { SituationAnalysis } from '../analysis';
import { CAMPAIGN_COLUMNS } from '../backlog-register-csv';
import { REPORTS } from '../catalogue';
import type { CsvColumn } from '../csv';
import type { ReportContext } from '../report-service';
import { takenOver } from './briefing-document';
import { domainChart, monthChart, monthText } from './chart-options';
import { NO_RATE_TEXT } from './no-data';
import { workbookOf } from './workbook';
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

type TrendRow = SituationAnalysis['trend']['rows'][number];
type RisingRow = SituationAnalysis['rising']['rows'][number];
type ClusterRow = SituationAnalysis['clusters']['rows'][number];

const TREND_COLUMNS: Array<CsvColumn<TrendRow>> = [
  { header: '月份', value: (r) => r.month },
  { header: '受理件数', value: (r) => r.received },
  { header: '按期办结率(%)', value: (r) => r.onTimeCompletion.rate },
];
const RISING_COLUMNS: Array<CsvColumn<RisingRow>> = [
  { header: '诉求分类', value: (r) => r.label },
  { header: '分类代码', value: (r) => r.key },
  { header: '本月件数', value: (r) => r.count },
  { header: '上月件数', value: (r) => r.previous },
  { header: '增加件数', value: (r) => r.change },
  { header: '环比增长(%)', value: (r) => (r.growth === null ? '上月无' : r.growth.toFixed(1)) },
];
const CLUSTER_COLUMNS: Array<CsvColumn<ClusterRow>> = [
  { header: '诉求分类', value: (r) => r.label },
  { header: '分类代码', value: (r) => r.domain },
  { header: '责任单位', value: (r) => r.unitName },
  { header: '单位代码', value: (r) => r.unitId },
  { header: '件数', value: (r) => r.count },
  { header: '信访事项编号', value: (r) => r.petitionIds.join('、') },
];

const summaryRows = (a: SituationAnalysis) =>
  REPORTS.summary.csv.rows(a.figures as unknown as Record<string, unknown>) as never[];

/**
 * The monthly situation analysis as Word: the paragraph, the month's figures, the trend, the rising matters, the
 * clusters, the group visits and the campaigns.
 */
export async function analysisDocx(ctx: ReportContext, a: SituationAnalysis): Promise<Buffer> {
  const risingChart = a.rising.rows.map((r) => ({ key: r.key, label: r.label, count: r.change, share: 0 }));
  const blocks: Array<Block | Promise<Block>> = [
    title(`${monthText(a.month)}信访形势分析`),
    subtitle(takenOver(ctx)),
    heading('一、总体情况'),
    paragraph(a.text),
    heading('二、本月主要指标'),
    tableOfColumns(REPORTS.summary.csv.columns, summaryRows(a)),
    heading(`三、近${a.trend.rows.length}个月走势`),
    chart(
      monthChart(
        a.trend.rows.map((r) => r.month),
        a.trend.rows,
      ),
    ),
    table(
      ['月份', '受理件数', '按期办结率(%)'],
      a.trend.rows.map((r) => [
        monthText(r.month),
        String(r.received),
        r.onTimeCompletion.rate === null ? NO_RATE_TEXT : r.onTimeCompletion.rate.toFixed(1),
      ]),
    ),
    heading('四、增长较快的诉求分类（与上月相比）'),
    ...(a.rising.rows.length > 0 ? [chart(domainChart(risingChart), { width: 605, height: 260 })] : []),
    tableOfColumns(RISING_COLUMNS, a.rising.rows),
    heading('五、同类事项相对集中情况'),
    paragraph(`认定规则：${a.clusters.rule}。`),
    tableOfColumns(CLUSTER_COLUMNS, a.clusters.rows),
    heading('六、集体访（一批五人及以上）'),
    table(
      ['月份', '批次', '人次'],
      [
        [monthText(a.month), a.groupVisits.batches, a.groupVisits.persons],
        [
          monthText(a.previousMonth),
          a.groupVisits.previousMonth.batches,
          a.groupVisits.previousMonth.persons,
        ],
      ].map((row) => row.map(String)),
    ),
    heading('七、积案化解专项攻坚'),
    paragraph(`进度截至${a.campaigns.progressAsOf}。`),
    tableOfColumns(CAMPAIGN_COLUMNS, a.campaigns.rows),
  ];
  return docxOf(blocks, `信访形势分析 ${ctx.scope.unit.name} ${a.month}`);
}

/** The analysis's tables as a workbook, a sheet each. */
export async function analysisWorkbook(a: SituationAnalysis): Promise<Buffer> {
  return workbookOf([
    { name: '本月主要指标', columns: REPORTS.summary.csv.columns, rows: summaryRows(a) },
    { name: '月度走势', columns: TREND_COLUMNS as Array<CsvColumn<never>>, rows: a.trend.rows },
    { name: '增长较快的诉求', columns: RISING_COLUMNS as Array<CsvColumn<never>>, rows: a.rising.rows },
    { name: '同类事项', columns: CLUSTER_COLUMNS as Array<CsvColumn<never>>, rows: a.clusters.rows },
  ]);
}
