import type { BacklogRegisterFigure } from '../../db/backlog/figures';
import { changePercent, changePoints } from './comparisons';
import type { ScreeningPart } from './screening-summary';
import type { VisitsPart } from './visit-report';

/**
 * The briefing's clauses on the registers (issue 23: visits, leaders' receptions and 阅批, screening, the
 * backlog campaigns), in the words of the seeds (004: 「共接待来访群众147批1602人次,其中进京2批2人次,到市31批577人次」,
 * 「领导接访7次」, 「党政领导下访75人次」, 「联合接访11次」, 「主要领导阅批件有14件」, 「排查出各类矛盾纠纷79起」; 000: 「赴京访15批
 * 26人次 … 比去年同期下降56%」). A clause whose figures are all zero is left out; so is an item of it.
 */

/** A campaign's progress as the `campaigns` report gives it. */
export interface CampaignProgressRow {
  name: string;
  entries: number;
  resolved: number;
  stoppedPetitioning: number;
  resolutionRate: { rate: number | null };
  targetRate: number | null;
  targetMet: boolean | null;
}

export interface RegisterFigures {
  visits?: VisitsPart;
  screening?: ScreeningPart;
  backlogRegister?: Record<BacklogRegisterFigure, number>;
  campaigns?: CampaignProgressRow[];
}

/** The same figures a year earlier (同比); campaigns are not compared (a campaign is not the same one a year on). */
export type YearEarlierRegisters = Omit<RegisterFigures, 'campaigns'>;

const pct = (x: number) => `${x.toFixed(1)}%`;

/** 「比去年同期下降56.0%」 / 「与去年同期持平」; null when last year had none to compare with. */
function change(current: number, lastYear: number | undefined): string | null {
  const x = changePercent(current, lastYear ?? null);
  if (x === null) return null;
  if (x === 0) return '与去年同期持平';
  return `比去年同期${x > 0 ? '上升' : '下降'}${pct(Math.abs(x))}`;
}

/** 「，比去年同期下降56.0%」 after a count; nothing without last year's. */
const yearOnYear = (current: number, lastYear: number | undefined) => {
  const text = change(current, lastYear);
  return text ? `，${text}` : '';
};

interface Pair {
  batches: number;
  persons: number;
}

/**
 * 同比 of 批次 and 人次 together (seed 000: 「…分别比去年同期下降56%和43%」 when both moved the same way), or
 * each on its own.
 */
function pairYearOnYear(now: Pair, lastYear: Pair | undefined): string {
  const batches = changePercent(now.batches, lastYear?.batches ?? null);
  const persons = changePercent(now.persons, lastYear?.persons ?? null);
  if (batches === 0 && persons === 0) return '，与去年同期持平';
  if (batches !== null && persons !== null && batches !== 0 && Math.sign(batches) === Math.sign(persons))
    return `，分别比去年同期${batches > 0 ? '上升' : '下降'}${pct(Math.abs(batches))}和${pct(Math.abs(persons))}`;
  const parts = [
    ['批次', change(now.batches, lastYear?.batches)],
    ['人次', change(now.persons, lastYear?.persons)],
  ].filter(([, text]) => text !== null);
  return parts.map(([what, text]) => `，${what}${text}`).join('');
}

const pairText = (p: Pair) => `${p.batches}批${p.persons}人次`;

/** 「从来访情况看，共接待来访群众147批1602人次…，其中进京2批2人次、…；集体访3批40人次…」 */
function visitsClause(v: VisitsPart, last: VisitsPart | undefined): string | null {
  if (v.batches === 0 && v.persons === 0) return null;
  const places: Array<[string, keyof VisitsPart['byDestination']]> = [
    ['进京', 'beijing'],
    ['赴省', 'province'],
    ['到市', 'city'],
    ['本级接待', 'local'],
  ];
  const where = places
    .filter(([, key]) => v.byDestination[key].batches > 0)
    .map(
      ([label, key]) =>
        `${label}${pairText(v.byDestination[key])}${pairYearOnYear(v.byDestination[key], last?.byDestination[key])}`,
    );
  let text = `从来访情况看，共接待来访群众${pairText(v)}${pairYearOnYear(v, last)}`;
  // 「其中…」 only when some went to a higher level: all received here needs no split.
  if (v.byDestination.local.batches < v.batches) text += `，其中${where.join('，')}`;
  if (v.group.batches > 0) text += `；集体访${pairText(v.group)}${pairYearOnYear(v.group, last?.group)}`;
  return text;
}

/** 「领导接访7次，党政领导下访19次75人次，联合接访11次，领导阅批件14件」, each with its 同比. */
function leadersClause(v: VisitsPart, last: VisitsPart | undefined): string | null {
  const items: string[] = [];
  if (v.leaderReceptionDays > 0)
    items.push(
      `领导接访${v.leaderReceptionDays}次${yearOnYear(v.leaderReceptionDays, last?.leaderReceptionDays)}`,
    );
  if (v.downVisits.count > 0)
    items.push(
      `党政领导下访${v.downVisits.count}次${v.downVisits.leaders}人次` +
        yearOnYear(v.downVisits.leaders, last?.downVisits.leaders),
    );
  if (v.jointReceptions > 0)
    items.push(`联合接访${v.jointReceptions}次${yearOnYear(v.jointReceptions, last?.jointReceptions)}`);
  if (v.instructions.cases > 0)
    items.push(
      `领导阅批件${v.instructions.cases}件${yearOnYear(v.instructions.cases, last?.instructions.cases)}`,
    );
  return items.length > 0 ? `从领导接访看，${items.join('，')}` : null;
}

/** 「开展矛盾纠纷排查13次（集中排查4次、重点排查9次），排查出各类矛盾纠纷79起…，化解率…」 */
function screeningClause(s: ScreeningPart, last: ScreeningPart | undefined): string | null {
  if (s.rounds.held === 0 && s.disputes.found === 0) return null;
  const kinds = [
    ['集中排查', s.rounds.concentrated],
    ['重点排查', s.rounds.focused],
  ].filter(([, n]) => (n as number) > 0);
  let text = `从矛盾纠纷排查看，开展排查${s.rounds.held}次`;
  if (kinds.length > 0) text += `（其中${kinds.map(([label, n]) => `${label}${n}次`).join('、')}）`;
  text += yearOnYear(s.rounds.held, last?.rounds.held);
  text += `，排查出各类矛盾纠纷${s.disputes.found}起${yearOnYear(s.disputes.found, last?.disputes.found)}`;
  if (s.disputes.found === 0) return text;
  const settled = [
    ['调解', s.disputes.mediated],
    ['化解', s.disputes.resolved],
    ['转为信访事项', s.disputes.becamePetitions],
  ].filter(([, n]) => (n as number) > 0);
  if (settled.length > 0) text += `，其中${settled.map(([label, n]) => `${label}${n}起`).join('、')}`;
  const rate = s.resolutionRate.rate;
  if (rate !== null) {
    const points = changePoints(rate, last?.resolutionRate.rate ?? null);
    const compared =
      points === null
        ? ''
        : points === 0
          ? '，与去年同期持平'
          : `，比去年同期${points > 0 ? '提高' : '下降'}${Math.abs(points).toFixed(1)}个百分点`;
    text += `，化解率${pct(rate)}${compared}`;
  }
  return text;
}

/** 「“百日攻坚”列入台账12件，已化解9件，化解率75.0%（目标80.0%，未达标）」: one campaign's progress. */
export function campaignText(c: CampaignProgressRow): string {
  const stopped = c.stoppedPetitioning > 0 ? `，息诉罢访${c.stoppedPetitioning}件` : '';
  const rate = c.resolutionRate.rate === null ? '暂无数据' : pct(c.resolutionRate.rate);
  const target =
    c.targetRate === null ? '' : `（目标${pct(c.targetRate)}，${c.targetMet ? '已达标' : '未达标'}）`;
  return `“${c.name}”列入台账${c.entries}件，已化解${c.resolved}件${stopped}，化解率${rate}${target}`;
}

/** The campaigns a paragraph names; a province's briefing met a hundred of its bureaus' (the reports bench). */
export const CAMPAIGNS_NAMED = 3;

/**
 * The largest campaigns (most entries) by name, the rest summed: 「…；另有12项专项攻坚列入台账300件，已化解120件」.
 * The `campaigns` report and the Word file's table list every one.
 */
export function campaignsText(campaigns: CampaignProgressRow[]): string {
  const largest = [...campaigns].sort((a, b) => b.entries - a.entries).slice(0, CAMPAIGNS_NAMED);
  const named = campaigns.filter((c) => largest.includes(c));
  const rest = campaigns.filter((c) => !largest.includes(c));
  const sum = (field: 'entries' | 'resolved') => rest.reduce((n, c) => n + c[field], 0);
  const others = rest.length
    ? [`另有${rest.length}项专项攻坚列入台账${sum('entries')}件，已化解${sum('resolved')}件`]
    : [];
  return [...named.map(campaignText), ...others].join('；');
}

/** 「从积案化解看，本期化解积案台账3件…；“百日攻坚”…」: the register's resolved entries and each campaign. */
function backlogClause(f: RegisterFigures, last: YearEarlierRegisters | undefined): string | null {
  const items: string[] = [];
  const resolved = f.backlogRegister?.resolved ?? 0;
  if (resolved > 0)
    items.push(`本期化解积案台账${resolved}件${yearOnYear(resolved, last?.backlogRegister?.resolved)}`);
  const campaigns = (f.campaigns ?? []).filter((c) => c.entries > 0);
  if (campaigns.length > 0) items.push(`专项攻坚${campaignsText(campaigns)}`);
  return items.length > 0 ? `从积案化解看，${items.join('，')}` : null;
}

/** The registers' sentences of the briefing, after the cases' (each ends with 。); '' when all are empty. */
export function registerSentences(f: RegisterFigures, last: YearEarlierRegisters | undefined): string {
  const clauses = [
    f.visits ? visitsClause(f.visits, last?.visits) : null,
    f.visits ? leadersClause(f.visits, last?.visits) : null,
    f.screening ? screeningClause(f.screening, last?.screening) : null,
    backlogClause(f, last),
  ].filter((c): c is string => c !== null);
  return clauses.map((c) => `${c}。`).join('');
}
