import {
  type ComparedFigure,
  compareFigures,
  type ComparisonSpec,
  isComparedFigure,
  isStandingFigure,
} from './comparisons';
import type { CsvColumn } from './csv';
import { EARLIER_KINDS, type EarlierReport, earlierReport } from './earlier-periods';
import type { ReportContext } from './report-service';

/** What a report's JSON carries beside its figures: the two earlier reports and each figure compared. */
export interface ReportComparisons {
  previousPeriod: EarlierReport | null;
  previousYear: EarlierReport | null;
  figures: Record<string, unknown>;
}

/** The context of an earlier report: the same scope and grouping, its own period and as-of date. */
export function earlierContext(ctx: ReportContext, earlier: EarlierReport): ReportContext {
  return { ...ctx, period: earlier.period, asOf: earlier.asOf };
}

/**
 * The report and the same report over the two earlier periods, computed by the same code and concurrently
 * (the work triples, the wait hardly grows), with each figure compared.
 */
export async function computeCompared(
  compute: (ctx: ReportContext) => Promise<Record<string, unknown>>,
  ctx: ReportContext,
  spec: ComparisonSpec,
): Promise<{ data: Record<string, unknown>; comparisons: ReportComparisons }> {
  const [previousPeriod, previousYear] = EARLIER_KINDS.map((kind) =>
    earlierReport(ctx.period, ctx.asOf, kind),
  );
  const earlier = (report?: EarlierReport | null) => (report ? compute(earlierContext(ctx, report)) : null);
  const periodComputed = earlier(previousPeriod);
  // A year's 环比 is its 同比 (the year before, as of the same day): computed once.
  const yearComputed = sameReport(previousPeriod, previousYear) ? periodComputed : earlier(previousYear);
  const [data, periodData, yearData] = await Promise.all([compute(ctx), periodComputed, yearComputed]);
  const figures = compareFigures(data, { previousPeriod: periodData, previousYear: yearData }, spec);
  return {
    data,
    comparisons: { previousPeriod: previousPeriod ?? null, previousYear: previousYear ?? null, figures },
  };
}

function sameReport(a?: EarlierReport | null, b?: EarlierReport | null): boolean {
  return !!a && !!b && a.asOf === b.asOf && a.period.from === b.period.from && a.period.to === b.period.to;
}

/** The comparison of a CSV row's value: the row's own figure read from the mirrored figures. */
type Compared = (mirroredRow: never) => unknown;

const changeOf = (figure: ComparedFigure, kind: 'previousPeriod' | 'previousYear') =>
  figure[kind].changePercent ?? figure[kind].changePoints ?? null;

/** How a row's change reads: percent or points, or why there is none. */
function basis(figure: unknown): string {
  if (isStandingFigure(figure)) return '现状数，不比较';
  if (!isComparedFigure(figure)) return '';
  const unit = 'changePoints' in figure.previousYear ? '百分点' : '百分比';
  const missing = [
    figure.previousPeriod.noData ? '上期无数据' : '',
    figure.previousYear.noData ? '上年同期无数据' : '',
  ].filter(Boolean);
  return [unit, ...missing].join('；');
}

/**
 * 上期 / 上年同期 / 环比(%) / 同比(%) and, since rates change in points, how the change reads. A row not compared
 * leaves them empty (undefined); a compared one without an earlier value says null ("no data").
 */
const COMPARISON_COLUMNS: Array<CsvColumn<{ figure: unknown }>> = [
  {
    header: '上期',
    value: ({ figure }) => (isComparedFigure(figure) ? figure.previousPeriod.value : undefined),
  },
  {
    header: '上年同期',
    value: ({ figure }) => (isComparedFigure(figure) ? figure.previousYear.value : undefined),
  },
  {
    header: '环比(%)',
    value: ({ figure }) => (isComparedFigure(figure) ? changeOf(figure, 'previousPeriod') : undefined),
  },
  {
    header: '同比(%)',
    value: ({ figure }) => (isComparedFigure(figure) ? changeOf(figure, 'previousYear') : undefined),
  },
  { header: '比较口径', value: ({ figure }) => basis(figure) },
];

/**
 * A report's CSV table with the comparison columns after its own: the table's rows are taken once from the
 * figures and once from their mirror (the same rows, in the same order, each figure replaced by its
 * comparison), and `compared` picks the row's figure. A table whose rows cannot be read from the mirror keeps
 * the columns, empty.
 */
export function withComparisonColumns<Row>(
  columns: Array<CsvColumn<Row>>,
  rows: Row[],
  mirroredRows: () => unknown[],
  compared: Compared,
): { columns: Array<CsvColumn<{ row: Row; figure: unknown }>>; rows: Array<{ row: Row; figure: unknown }> } {
  let mirrored: unknown[] = [];
  try {
    mirrored = mirroredRows();
  } catch {
    // A row computed from its figures (not read from them) has no mirror: no comparison to show.
  }
  const figureAt = (i: number) => {
    try {
      return mirrored.length === rows.length ? compared(mirrored[i] as never) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    columns: [
      ...columns.map((c) => ({ header: c.header, value: (r: { row: Row }) => c.value(r.row) })),
      ...COMPARISON_COLUMNS,
    ],
    rows: rows.map((row, i) => ({ row, figure: figureAt(i) })),
  };
}
