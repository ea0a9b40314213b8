import type { Pool } from 'pg';
import type { ReportQuery } from './reports';
import { LATEST_OUTCOME } from './screening';

/**
 * The figures of the dispute screening register (矛盾纠纷排查, S41: 「共集中组织排查4次,重点排查9次,排查出各类矛盾纠纷
 * 79起」), each defined once: its Chinese name, its formula in words (the API docs and docs/reports.md), and
 * the condition it counts. `rounds` are the rounds units of the scope held (their held day) in the period;
 * `found` the disputes those rounds found, each with `outcome`, its outcome at the period's end (or at the
 * as-of date when earlier): its latest outcome entry dated on or before that day, else open.
 */
export interface ScreeningFigure {
  label: string;
  formula: string;
  of: 'rounds' | 'found';
  where: string;
}

export const SCREENING = {
  roundsHeld: {
    label: '矛盾纠纷排查',
    formula: 'screening rounds units of the scope held (held day) in the period, of every kind',
    of: 'rounds',
    where: 'true',
  },
  roundsConcentrated: {
    label: '集中排查',
    formula: 'of those, concentrated rounds (集中排查)',
    of: 'rounds',
    where: `kind = 'concentrated'`,
  },
  roundsFocused: {
    label: '重点排查',
    formula: 'of those, focused rounds (重点排查)',
    of: 'rounds',
    where: `kind = 'focused'`,
  },
  disputesFound: {
    label: '排查出矛盾纠纷',
    formula: 'disputes the rounds of the period found (排查出各类矛盾纠纷 N 起)',
    of: 'found',
    where: 'true',
  },
  disputesMediated: {
    label: '排查纠纷·调解',
    formula: 'of those, mediated (调解) as their outcome stood at the period’s end (or the as-of date)',
    of: 'found',
    where: `outcome = 'mediated'`,
  },
  disputesResolved: {
    label: '排查纠纷·化解',
    formula: 'of those, resolved (化解) as their outcome stood at the period’s end',
    of: 'found',
    where: `outcome = 'resolved'`,
  },
  disputesBecamePetitions: {
    label: '排查纠纷·转为信访事项',
    formula: 'of those, registered as a petition (linked to its case) by the period’s end',
    of: 'found',
    where: `outcome = 'petition'`,
  },
  disputesOpen: {
    label: '排查纠纷·未化解',
    formula: 'of those, still open at the period’s end (no outcome yet, or reopened)',
    of: 'found',
    where: `outcome = 'open'`,
  },
  openHighRisk: {
    label: '未化解·高风险',
    formula: 'open disputes of the period assessed high risk',
    of: 'found',
    where: `outcome = 'open' AND risk_level = 'high'`,
  },
  openMediumRisk: {
    label: '未化解·中风险',
    formula: 'open disputes of the period assessed medium risk',
    of: 'found',
    where: `outcome = 'open' AND risk_level = 'medium'`,
  },
  openLowRisk: {
    label: '未化解·低风险',
    formula: 'open disputes of the period assessed low risk',
    of: 'found',
    where: `outcome = 'open' AND risk_level = 'low'`,
  },
} as const satisfies Record<string, ScreeningFigure>;

export type ScreeningFigureId = keyof typeof SCREENING;

/** 化解率 of the disputes screened: mediated or resolved over found; "no data" when none were found. */
export const SCREENING_RATE = {
  label: '排查纠纷化解率',
  formula:
    'disputes of the period mediated or resolved by its end ÷ disputes the rounds of the period found; ' +
    'no data when none were found',
};

/** Every figure of the register over a report's scope and period, zeros when nothing was screened. */
export async function screeningCounts(
  pool: Pool,
  query: ReportQuery,
): Promise<Record<ScreeningFigureId, number>> {
  const columns = (Object.entries(SCREENING) as Array<[ScreeningFigureId, ScreeningFigure]>).map(
    ([id, figure]) => `(SELECT count(*) FROM ${figure.of} WHERE ${figure.where})::int AS "${id}"`,
  );
  const end = query.to < query.asOf ? query.to : query.asOf;
  const { rows } = await pool.query<Record<ScreeningFigureId, number>>(
    `WITH rounds AS (
       SELECT r.id, r.kind FROM screening_rounds r
        WHERE r.unit_id = ANY($1::text[]) AND r.held_on BETWEEN $2::date AND $3::date
     ), found AS (
       SELECT d.risk_level, ${LATEST_OUTCOME('d', '$4::date')} AS outcome
         FROM screening_disputes d JOIN rounds ON rounds.id = d.round_id
     )
     SELECT ${columns.join(',\n            ')}`,
    [query.unitIds, query.from, query.to, end],
  );
  return rows[0]!;
}
