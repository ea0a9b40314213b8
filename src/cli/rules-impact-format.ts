import type { DeadlineMove, Impact } from '../domain/rules-impact';
import { type CsvColumn, toCsv } from '../domain/reports/csv';
import { formatTable } from './report-format';

/** What is previewed: a calendar year or a rule-set version, as the heading and the JSON name it. */
export type ImpactCandidate =
  | {
      kind: 'calendar';
      year: number;
      notice: string;
      published: string;
      calendarVersionBefore: string;
      calendarVersionAfter: string;
    }
  | {
      kind: 'rule-set';
      id: string;
      version: string;
      appliesToRunningCases: boolean;
      citation?: string;
    };

export interface ImpactReport extends Impact {
  candidate: ImpactCandidate;
}

const NOT_RUNNING_CASES = 'it applies to cases registered from its release: no running case moves';

function heading(candidate: ImpactCandidate): string {
  if (candidate.kind === 'calendar') {
    return (
      `calendar year ${candidate.year}: ${candidate.notice} (${candidate.published})\n` +
      `calendar ${candidate.calendarVersionBefore} → ${candidate.calendarVersionAfter}`
    );
  }
  const scope = candidate.appliesToRunningCases
    ? `applies to running cases (${candidate.citation})`
    : NOT_RUNNING_CASES;
  return `rule set ${candidate.id} v${candidate.version}: ${scope}`;
}

/** The overdue column: what the move does to the deadline as of the impact's date. */
function overdueText(move: DeadlineMove): string {
  if (move.newlyOverdue) return 'newly overdue';
  if (move.overdueBefore && move.overdueAfter) return 'overdue (already)';
  if (move.overdueBefore) return 'no longer overdue';
  return 'no';
}

const dated = (date: string | null, provisional: boolean | null) =>
  date === null ? '-' : provisional ? `${date} (provisional)` : date;

export function summaryLine(report: ImpactReport): string {
  const { cases, deadlines, newlyOverdue } = report.summary;
  return (
    `${cases} case${cases === 1 ? '' : 's'}, ${deadlines} deadline${deadlines === 1 ? '' : 's'} would move, ` +
    `${newlyOverdue} newly overdue as of ${report.asOf}. Nothing was changed.`
  );
}

export function impactTable(report: ImpactReport): string {
  const rows = report.moves.map((move) => [
    move.petitionId,
    move.key,
    `${move.ruleSetId}@${move.ruleSetVersionBefore}` +
      (move.ruleSetVersionAfter !== move.ruleSetVersionBefore ? ` → ${move.ruleSetVersionAfter}` : ''),
    dated(move.dueDateBefore, move.provisionalBefore),
    dated(move.dueDateAfter, move.provisionalAfter),
    move.problem ? `cannot be recomputed: ${move.problem}` : overdueText(move),
  ]);
  const table =
    rows.length > 0
      ? formatTable(
          ['CASE', 'DEADLINE', 'RULE SET', 'DUE BEFORE', 'DUE AFTER', `OVERDUE AS OF ${report.asOf}`],
          rows,
        )
      : '(no running case would move)';
  return [heading(report.candidate), '', table, '', summaryLine(report)].join('\n');
}

const CSV_COLUMNS: Array<CsvColumn<DeadlineMove>> = [
  { header: 'case', value: (m) => m.petitionId },
  { header: 'deadline', value: (m) => m.key },
  { header: 'ruleSet', value: (m) => m.ruleSetId },
  { header: 'ruleSetVersionBefore', value: (m) => m.ruleSetVersionBefore },
  { header: 'ruleSetVersionAfter', value: (m) => m.ruleSetVersionAfter },
  { header: 'dueDateBefore', value: (m) => m.dueDateBefore },
  { header: 'dueDateAfter', value: (m) => m.dueDateAfter },
  { header: 'provisionalBefore', value: (m) => String(m.provisionalBefore) },
  {
    header: 'provisionalAfter',
    value: (m) => (m.provisionalAfter === null ? null : String(m.provisionalAfter)),
  },
  { header: 'overdueBefore', value: (m) => String(m.overdueBefore) },
  { header: 'overdueAfter', value: (m) => String(m.overdueAfter) },
  { header: 'newlyOverdue', value: (m) => String(m.newlyOverdue) },
  { header: 'problem', value: (m) => m.problem },
];

/** One row per moved deadline (the summary is the rows' count); UTF-8 with a byte order mark, as the reports. */
export const impactCsv = (report: ImpactReport): string => toCsv(CSV_COLUMNS, report.moves);

export const impactJson = (report: ImpactReport): string => JSON.stringify(report, null, 2);
