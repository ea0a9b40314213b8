import { changePercent, changePoints } from './comparisons';
import { chinesePeriod } from './period';
import type { ReportContext, Rate, SplitRow } from './report-service';
import { type RegisterFigures, registerSentences, type YearEarlierRegisters } from './register-clauses';
import { sharesOf } from './shares';

/** The figures the briefing paragraph is written from (the same the other reports show). */
export interface BriefingFigures extends RegisterFigures {
  received: number;
  /** Transferred out: the responsible unit lies outside the area (not among `received`). */
  transferredOut: number;
  firstTime: { count: number; share: number };
  repeat: { count: number; share: number };
  levels: SplitRow[];
  channels: SplitRow[];
  domains: SplitRow[];
  units: Array<{ name: string; count: number }>;
  timelyAcceptance: Rate;
  onTimeCompletion: Rate;
  participation: Rate;
  satisfaction: Rate;
  /** The same figures a year earlier (同比), when that period can be counted. */
  previousYear?: YearEarlierFigures;
}

export type YearEarlierFigures = Pick<
  BriefingFigures,
  'received' | 'transferredOut' | 'timelyAcceptance' | 'onTimeCompletion' | 'participation' | 'satisfaction'
> &
  YearEarlierRegisters;

type RateId = 'timelyAcceptance' | 'onTimeCompletion' | 'participation' | 'satisfaction';

const pct = (share: number) => `${share.toFixed(1)}%`;
const rateText = (rate: Rate) => (rate.rate === null ? '暂无数据' : pct(rate.rate));

/** 「，比去年同期下降56.0%」 as seed 000 writes it; nothing when last year had none to compare with. */
function countYearOnYear(current: number, lastYear: number | undefined): string {
  const change = changePercent(current, lastYear ?? null);
  if (change === null) return '';
  if (change === 0) return '，与去年同期持平';
  return `，比去年同期${change > 0 ? '上升' : '下降'}${Math.abs(change).toFixed(1)}%`;
}

/** 「，比去年同期提高2.0个百分点」: a rate changes in percentage points; nothing without both rates. */
function rateYearOnYear(f: BriefingFigures, id: RateId): string {
  const change = changePoints(f[id].rate, f.previousYear?.[id].rate ?? null);
  if (change === null) return '';
  if (change === 0) return '，与去年同期持平';
  return `，比去年同期${change > 0 ? '提高' : '下降'}${Math.abs(change).toFixed(1)}个百分点`;
}

const RATE_NAMES: Array<[RateId, string]> = [
  ['timelyAcceptance', '及时受理率'],
  ['onTimeCompletion', '按期办结率'],
  ['participation', '参评率'],
  ['satisfaction', '满意率'],
];

/** "国家级12件，占比10.0%、省级…": the non-empty rows, in the order given. */
function split(rows: SplitRow[]): string {
  return rows
    .filter((r) => r.count > 0)
    .map((r) => `${r.label}${r.count}件，占比${pct(r.share)}`)
    .join('、');
}

/**
 * The paragraph staff paste into their quarterly report (信访形势分析). Shares are of all cases received in
 * the period, with one decimal by the largest-remainder method, so each split adds up to 100.0%; domains
 * beyond the first five and units beyond the first four are not named.
 */
export function briefingText(ctx: ReportContext, f: BriefingFigures): string {
  // The registers (visits, leaders, screening, campaigns) follow the cases, whatever the cases were.
  return casesText(ctx, f) + registerSentences(f, f.previousYear);
}

function casesText(ctx: ReportContext, f: BriefingFigures): string {
  // As seed 001 writes it: the cases received include those sent on to another area's bureau (其余 N 件),
  // and the first-time and repeat shares are of all of them; the splits below are of the area's own cases.
  const total = f.received + f.transferredOut;
  const lastYear = f.previousYear && f.previousYear.received + f.previousYear.transferredOut;
  const head =
    `${chinesePeriod(ctx.period)}，${ctx.scope.unit.name}受理信访事项${total}件` +
    countYearOnYear(total, lastYear);
  if (total === 0) return `${head}。`;
  const [firstShare, repeatShare] =
    f.transferredOut > 0
      ? sharesOf([f.firstTime.count, f.repeat.count, f.transferredOut])
      : [f.firstTime.share, f.repeat.share];
  const rest = f.transferredOut > 0 ? `，其余${f.transferredOut}件责任单位不属于我区` : '';
  const opening =
    `${head}，其中初信初访${f.firstTime.count}件，占比${pct(firstShare!)}，` +
    `重复信访${f.repeat.count}件，占比${pct(repeatShare!)}${rest}`;
  if (f.received === 0) return `${opening}。`;
  const parts = [
    opening,
    `从信访层级看，${split(f.levels)}`,
    `从信访渠道看，${split(f.channels)}`,
    `从诉求领域看，${split(f.domains.filter((r) => r.count > 0).slice(0, 5))}`,
  ];
  const top = f.units.slice(0, 4);
  if (top.length > 0) {
    const ranking = top.map((u) => `${u.name}（${u.count}件）`).join('、');
    parts.push(`从责任单位案件量看，数量排名前${chineseNumber(top.length)}的单位分别为${ranking}`);
  }
  const rates = RATE_NAMES.map(([id, name]) => `${name}${rateText(f[id])}${rateYearOnYear(f, id)}`).join(
    '，',
  );
  return `${parts.join('；')}。${rates}。`;
}

function chineseNumber(n: number): string {
  return ['零', '一', '二', '三', '四'][n] ?? String(n);
}
