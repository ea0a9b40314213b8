import { fieldError } from '../errors';
import { monthsOf } from './documents/chart-options';
import { NO_DATA_TEXT } from './documents/no-data';
import type { Period } from './period';
import { type CampaignProgressRow, campaignsText } from './register-clauses';
import type { Rate, ReportContext, ReportService } from './report-service';

/**
 * The monthly situation analysis (信访形势分析, S49): the month's figures, the trend of the last twelve months,
 * the subject matters rising fastest against the month before, clusters of similar new cases, the group
 * visits (集体访) of the month against the month before, and the backlog campaigns' progress (专项攻坚).
 */

/** The months the trend shows, the analysed one last. */
export const TREND_MONTHS = 12;
/** Rising items listed: those that grew most against the previous month. */
export const RISING_LIMIT = 5;
/** A cluster is two or more similar new cases; the largest 20 are listed. */
export const CLUSTER_MIN_CASES = 2;
export const CLUSTER_LIMIT = 20;

export const CLUSTER_RULE =
  '本月新收信访事项中，诉求分类（登记时所选的最细一级）相同且责任单位（承办单位；未交办的为登记单位）相同的，' +
  `${CLUSTER_MIN_CASES}件及以上为一组；系统未登记事项发生地或项目，以责任单位代表其所在地方`;

/** The month the period is; a period that is not one calendar month is refused. */
function monthOf(period: Period): string {
  const month = period.from.slice(0, 7);
  if (period.from !== monthStart(month) || period.to !== monthEnd(month))
    throw fieldError('month', 'the analysis covers one calendar month: give month=YYYY-MM');
  return month;
}

const monthStart = (month: string) => `${month}-01`;
function monthEnd(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
/** The month `offset` months from `month` (negative: before). */
export function shiftMonth(month: string, offset: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const over = (ctx: ReportContext, first: string, last: string, label: string): ReportContext => ({
  ...ctx,
  period: { from: monthStart(first), to: monthEnd(last), label },
});

export interface RisingItem {
  key: string;
  label: string;
  category?: string;
  count: number;
  previous: number;
  change: number;
  /** Percent against the previous month, one decimal; null where it had none (新增). */
  growth: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export async function situationAnalysis(service: ReportService, ctx: ReportContext) {
  const month = monthOf(ctx.period);
  const previousMonth = shiftMonth(month, -1);
  const firstTrendMonth = shiftMonth(month, -(TREND_MONTHS - 1));
  const previousCtx = over(ctx, previousMonth, previousMonth, previousMonth);
  const [figures, trendRows, now, before, clusters, visitsBefore, campaigns] = await Promise.all([
    service.summary(ctx),
    service.byMonth(over(ctx, firstTrendMonth, month, `${firstTrendMonth}–${month}`)),
    service.split(ctx, 'domain', 'subcategory'),
    service.split(previousCtx, 'domain', 'subcategory'),
    service.similarCases(ctx, CLUSTER_MIN_CASES, CLUSTER_LIMIT),
    service.visits({ ...previousCtx, asOf: monthEnd(previousMonth) }),
    service.campaigns(ctx),
  ]);

  const found = new Map(trendRows.map((r) => [r.month, r]));
  const noRate: Rate = { numerator: 0, denominator: 0, rate: null };
  const trend = monthsOf(monthStart(firstTrendMonth), monthEnd(month)).map(
    (m) => found.get(m) ?? { month: m, received: 0, onTimeCompletion: noRate },
  );

  const previousCount = new Map(before.rows.map((r) => [r.key, r.count]));
  const rising: RisingItem[] = now.rows
    .map((r) => {
      const previous = previousCount.get(r.key) ?? 0;
      return {
        key: r.key,
        label: r.label,
        ...(r.category ? { category: r.category } : {}),
        count: r.count,
        previous,
        change: r.count - previous,
        growth: previous > 0 ? round1(((r.count - previous) / previous) * 100) : null,
      };
    })
    .filter((r) => r.change > 0)
    .sort((a, b) => b.change - a.change || a.key.localeCompare(b.key))
    .slice(0, RISING_LIMIT);

  const clusterRows = clusters.map((c) => ({
    ...c,
    label: service.classification.extraKey(c.domain, 'subcategory', c.category).label,
  }));
  const received = figures.received;
  const previousReceived = found.get(previousMonth)?.received ?? 0;
  const analysis = {
    month,
    previousMonth,
    noData: received + figures.transferredOut === 0,
    figures,
    trend: { from: firstTrendMonth, to: month, rows: trend },
    rising: { previousMonth, rows: rising },
    clusters: { rule: CLUSTER_RULE, rows: clusterRows },
    /** 集体访 of the month (the visit register: one batch of five or more) and of the month before. */
    groupVisits: { ...figures.visits.group, previousMonth: visitsBefore.group },
    /** The campaigns of the scope meeting the month, with their progress at its end (the `campaigns` report). */
    campaigns,
  };
  const text = analysisText(ctx, {
    month,
    noData: analysis.noData,
    received,
    previousReceived,
    firstTime: figures.firstTime.count,
    repeat: figures.repeat.count,
    rising,
    clusters: clusterRows,
    groupVisits: analysis.groupVisits,
    campaigns: campaigns.rows,
  });
  return { ...analysis, text };
}

export type SituationAnalysis = Awaited<ReturnType<typeof situationAnalysis>>;

const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
const pct = (x: number) => `${x.toFixed(1)}%`;

/** 环比: "上升50.0%" / "下降20.0%" / "持平"; "上月无数据" where the month before had none. */
function changeText(now: number, before: number): string {
  if (before === 0) return now === 0 ? '与上月持平' : '上月无数据';
  if (now === before) return '与上月持平';
  const change = ((now - before) / before) * 100;
  return `环比${change > 0 ? '上升' : '下降'}${pct(Math.abs(change))}（上月${before}件）`;
}

interface TextFigures {
  month: string;
  noData: boolean;
  received: number;
  previousReceived: number;
  firstTime: number;
  repeat: number;
  rising: RisingItem[];
  clusters: Array<{ unitName: string; label: string; count: number }>;
  groupVisits: { batches: number; persons: number; previousMonth: { batches: number; persons: number } };
  campaigns: CampaignProgressRow[];
}

/** 「本月接待集体访1批12人次（上月1批6人次）」; nothing when neither month had one. */
function groupVisitsText({
  batches,
  persons,
  previousMonth: before,
}: TextFigures['groupVisits']): string | null {
  if (batches === 0 && before.batches === 0) return null;
  const previous = before.batches === 0 ? '上月无' : `上月${before.batches}批${before.persons}人次`;
  return `本月接待集体访${batches}批${persons}人次（${previous}）`;
}

/** The analysis's opening paragraph, from the same figures. */
function analysisText(ctx: ReportContext, f: TextFigures): string {
  // The registers' sentences follow the cases', whatever the cases were (as in the briefing).
  return casesText(ctx, f) + registersText(f);
}

function registersText(f: TextFigures): string {
  const parts = [groupVisitsText(f.groupVisits)];
  const campaigns = f.campaigns.filter((c) => c.entries > 0);
  if (campaigns.length > 0) parts.push(`积案化解专项攻坚中，${campaignsText(campaigns)}`);
  return parts
    .filter((p): p is string => p !== null)
    .map((p) => `${p}。`)
    .join('');
}

function casesText(ctx: ReportContext, f: TextFigures): string {
  const head = `${monthText(f.month)}，${ctx.scope.unit.name}受理信访事项${f.received}件`;
  if (f.noData) return `${head}。${NO_DATA_TEXT}。`;
  const parts = [
    `${head}，${changeText(f.received, f.previousReceived)}；其中初信初访${f.firstTime}件，重复信访${f.repeat}件`,
  ];
  if (f.rising.length > 0) {
    const items = f.rising.map(
      (r) =>
        `${r.label}（${r.count}件，上月${r.previous}件${r.growth === null ? '' : `，上升${pct(r.growth)}`}）`,
    );
    parts.push(`从诉求领域看，较上月增长较快的是${items.join('、')}`);
  }
  if (f.clusters.length > 0) {
    const groups = f.clusters.slice(0, 3).map((c) => `${c.unitName}${c.label}${c.count}件`);
    parts.push(`本月新收事项中同类事项相对集中的有${f.clusters.length}组，主要是${groups.join('、')}`);
  }
  return `${parts.join('；')}。`;
}
