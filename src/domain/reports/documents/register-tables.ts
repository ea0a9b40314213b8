import { VISIT_FIGURES, type VisitFigureId } from '../../../db/visit-figures';
import { CAMPAIGN_COLUMNS } from '../backlog-register-csv';
import type { CampaignProgressRow } from '../register-clauses';
import { type ScreeningPart, screeningLines } from '../screening-summary';
import type { VisitsPart } from '../visit-report';
import { NO_RATE_TEXT } from './no-data';
import { type Block, heading, paragraph, table, tableOfColumns } from './word';

/**
 * The registers' tables of the quarterly briefing (Word), after the cases': visits by destination and by
 * reception, leaders' receptions and 阅批, the dispute screening, the backlog campaigns. Labels are the
 * figures' own (VISIT_FIGURES, SCREENING), so the Word file says what the CSV says.
 */

type Pair = { batches: number; persons: number };

/** 批次 / 人次 rows: all, by destination (越级访), group, by how they were received. */
function visitRows(v: VisitsPart): string[][] {
  const pairs: Array<[string, Pair]> = [
    ['visits', v],
    ['local', v.byDestination.local],
    ['city', v.byDestination.city],
    ['province', v.byDestination.province],
    ['beijing', v.byDestination.beijing],
    ['group', v.group],
    ...Object.entries(v.byReception),
  ];
  return pairs.map(([id, p]) => [
    VISIT_FIGURES[`${id}Batches` as VisitFigureId].label.replace(/批次$/, ''),
    String(p.batches),
    String(p.persons),
  ]);
}

function leaderRows(v: VisitsPart): string[][] {
  const values: Array<[VisitFigureId, number]> = [
    ['leaderReceptionDays', v.leaderReceptionDays],
    ['downVisits', v.downVisits.count],
    ['downVisitLeaders', v.downVisits.leaders],
    ['jointReceptions', v.jointReceptions],
    ['instructions', v.instructions.count],
    ['instructedCases', v.instructions.cases],
  ];
  return values.map(([id, n]) => [`${VISIT_FIGURES[id].label}(${VISIT_FIGURES[id].unit})`, String(n)]);
}

const valueText = (n: number | null) => (n === null ? NO_RATE_TEXT : String(n));

/** Sections 七 to 九 of the briefing, after the cases' 一 to 六. */
export function registerTables(
  summary: { visits: VisitsPart; screening: ScreeningPart },
  campaigns: { progressAsOf: string; rows: CampaignProgressRow[] },
): Block[] {
  return [
    heading('七、来访接待'),
    table(['项目', '批次', '人次'], visitRows(summary.visits)),
    table(['项目', '数量'], leaderRows(summary.visits)),
    heading('八、矛盾纠纷排查'),
    table(
      ['项目', '数值'],
      screeningLines(summary.screening).map((l) => [l.label, valueText(l.value)]),
    ),
    heading('九、积案化解专项攻坚'),
    paragraph(`进度截至${campaigns.progressAsOf}。`),
    tableOfColumns(CAMPAIGN_COLUMNS, campaigns.rows as never[]),
  ];
}
