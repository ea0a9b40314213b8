import type { Pool } from 'pg';
import type { SupervisionSource } from '../case/supervision';
import type { ActKind } from './report-acts';
import {
  AFTERCARE,
  type AftercareFigureId,
  BACKLOG,
  CHANNEL_GROUP_SQL,
  RATES,
  type RateId,
  RESPONSIBLE_UNIT_SQL,
  SUMMED_RATES,
} from './report-figures';

/** What every report is taken over: a scope (a set of units), a period and the date outcomes are known by. */
export interface ReportQuery {
  unitIds: string[];
  from: string;
  to: string;
  asOf: string;
}

export interface RateCount {
  numerator: number;
  denominator: number;
}

/** A query over the scope alone: the figures as they stand now, whatever the period. */
type ScopeQuery = Pick<ReportQuery, 'unitIds'> & Partial<ReportQuery>;

/** Named parameters (`$units`, `$start`, `$to`, `$end`, `$asOf`) to positional ones, only those used. */
function bind(query: ScopeQuery, sql: string): { text: string; values: unknown[] } {
  const named: Record<string, unknown> = {
    $units: query.unitIds,
    $start: query.from,
    $to: query.to,
    $end: query.to !== undefined && query.asOf !== undefined && query.to < query.asOf ? query.to : query.asOf,
    $asOf: query.asOf,
  };
  const values: unknown[] = [];
  const text = sql.replaceAll(
    /\$(units|start|to|end|asOf)\b(::[a-z[\]]+)?/g,
    (_, name: string, cast?: string) => {
      values.push(named[`$${name}`]);
      return `$${values.length}${cast ?? '::date'}`;
    },
  );
  return { text, values };
}

/** A row of the scope (alias `c`: report_cases, `p`: petitions, `a`: report_acts): its bureau or handling unit. */
const inScope = (alias: string) =>
  `(${alias}.bureau_unit_id = ANY($units::text[]) OR ${alias}.handling_unit_id = ANY($units::text[]))`;
const IN_SCOPE = inScope('c');
/** The same scope over the read model's petitions (the case states). */
const SCOPE_OF_PETITION = inScope('p');
export const IN_PERIOD = `${IN_SCOPE} AND c.received_on BETWEEN $start::date AND $to::date`;

function rateColumns(id: RateId, alias: string = id): string {
  const rate = RATES[id];
  if (SUMMED_RATES.includes(id)) {
    return `coalesce(sum(${rate.numerator}), 0)::int AS "${alias}Numerator",
            coalesce(sum(${rate.denominator}), 0)::int AS "${alias}Denominator"`;
  }
  return `(count(*) FILTER (WHERE ${rate.numerator}))::int AS "${alias}Numerator",
          (count(*) FILTER (WHERE ${rate.denominator}))::int AS "${alias}Denominator"`;
}

export function rateOf(row: Record<string, number>, alias: string): RateCount {
  return { numerator: row[`${alias}Numerator`] ?? 0, denominator: row[`${alias}Denominator`] ?? 0 };
}

export async function run<T>(pool: Pool, query: ScopeQuery, sql: string): Promise<T[]> {
  const { text, values } = bind(query, sql);
  return (await pool.query(text, values)).rows as T[];
}

export async function summaryCounts(pool: Pool, query: ReportQuery) {
  const [row] = await run<Record<string, number>>(
    pool,
    query,
    `SELECT count(*)::int AS received,
            (count(*) FILTER (WHERE c.first_time))::int AS "firstTime",
            (count(*) FILTER (WHERE NOT c.first_time))::int AS repeat,
            (count(*) FILTER (WHERE c.case_owned))::int AS "caseOwned",
            ${rateColumns('timelyAcceptance')}, ${rateColumns('onTimeCompletion')},
            ${rateColumns('participation')}, ${rateColumns('satisfaction')},
            ${rateColumns('caseOwnedOnTime', 'owned')}
       FROM report_cases c WHERE ${IN_PERIOD}`,
  );
  return row!;
}

/**
 * Cases of the period a bureau of the scope transferred out (转出) to a bureau outside it, and that are no
 * case of the scope any more: 「其余 N 件责任单位不属于我区」. Disjoint from the cases the other figures count.
 */
export async function transferredOutCount(pool: Pool, query: ReportQuery): Promise<number> {
  const [row] = await run<{ count: number }>(
    pool,
    query,
    `SELECT count(*)::int AS count FROM report_cases c
      WHERE c.transferred_from_unit_ids <> '{}' AND c.transferred_from_unit_ids && $units::text[]
        AND NOT ${IN_SCOPE} AND c.received_on BETWEEN $start::date AND $to::date`,
  );
  return row?.count ?? 0;
}

/**
 * Open cases in scope by priority (关注级别) and the major-or-urgent flag (Art 25), as they stand now (the read
 * model's current fold): what the bureau must follow today, whatever the period. A list of the flagged ones,
 * oldest flag first.
 */
export async function priorityCounts(pool: Pool, query: ScopeQuery, listLimit: number) {
  // The priority taken out of each flagged case's state once (MATERIALIZED): read in every expression, the
  // whole state (3–5 KB, compressed) was decompressed for each.
  const flagged = `WITH flagged AS MATERIALIZED (
       SELECT p.id, p.handling_unit_id, p.case_state -> 'priority' AS priority FROM petitions p
        WHERE p.status <> 'closed' AND ${SCOPE_OF_PETITION} AND p.case_state ? 'priority')`;
  const [counts] = await run<{ majorUrgent: number; first: number; second: number }>(
    pool,
    query,
    `${flagged}
     SELECT (count(*) FILTER (WHERE (priority ->> 'majorUrgent')::boolean))::int AS "majorUrgent",
            (count(*) FILTER (WHERE priority ->> 'level' = 'first'))::int AS first,
            (count(*) FILTER (WHERE priority ->> 'level' = 'second'))::int AS second
       FROM flagged`,
  );
  const cases = await run<{ petitionId: string; level: string; since: string | null; unitId: string | null }>(
    pool,
    query,
    `${flagged}
     SELECT id AS "petitionId", priority ->> 'level' AS level, priority ->> 'majorUrgentSince' AS since,
            handling_unit_id AS "unitId"
       FROM flagged WHERE (priority ->> 'majorUrgent')::boolean
      ORDER BY since, id LIMIT ${Math.trunc(listLimit)}`,
  );
  return { ...counts!, cases };
}

/**
 * The supported opinions still to be carried out (S16) as they stand now, whatever the period: only the scope
 * counts (one request computes it once for all its periods).
 */
export async function carryOutsOpen(pool: Pool, query: ScopeQuery) {
  const [open] = await run<{ due: number; overdue: number }>(
    pool,
    query,
    `SELECT count(*)::int AS due, (count(*) FILTER (WHERE d->>'status' = 'overdue'))::int AS overdue
       FROM petitions p CROSS JOIN LATERAL jsonb_array_elements(p.case_state -> 'deadlines') d
      WHERE ${SCOPE_OF_PETITION} AND p.case_state -> 'deadlines' @> '[{"key": "carry-out"}]'
        AND d->>'key' = 'carry-out' AND d->>'status' IN ('running', 'overdue', 'paused')`,
  );
  return open!;
}

export type Dimension = 'level' | 'channel' | 'domain' | 'domain-category';
const DIMENSION_SQL: Record<Dimension, string> = {
  level: 'c.registration_level',
  channel: CHANNEL_GROUP_SQL,
  // The subject-matter code as registered (either level), or its category at registration.
  domain: 'c.domain',
  'domain-category': 'c.domain_category',
};

/** Cases per key of a dimension; `category` is the recorded category of the key's cases. */
export async function splitCounts(pool: Pool, query: ReportQuery, dimension: Dimension) {
  return run<{ key: string; count: number; category: string }>(
    pool,
    query,
    `SELECT ${DIMENSION_SQL[dimension]} AS key, count(*)::int AS count, min(c.domain_category) AS category
       FROM report_cases c WHERE ${IN_PERIOD} GROUP BY 1`,
  );
}

/** Cases of the period per responsible unit, with their on-time completion and how many are past D5 now. */
export async function unitCounts(pool: Pool, query: ReportQuery) {
  return run<{ unitId: string; name: string; count: number } & Record<string, number>>(
    pool,
    query,
    // Grouped by the unit's key (the join makes it the responsible unit): the planner then expects one group
    // per unit, not one per case, and aggregates in memory (1.4 s → 0.3 s for a province-wide year).
    `SELECT u.id AS "unitId", u.name, count(*)::int AS count,
            ${rateColumns('onTimeCompletion')},
            (count(*) FILTER (WHERE ${BACKLOG.at('$end::date')}))::int AS overdue
       FROM report_cases c JOIN units u ON u.id = ${RESPONSIBLE_UNIT_SQL}
      WHERE ${IN_PERIOD}
      GROUP BY u.id ORDER BY count DESC, overdue DESC, u.id`,
  );
}

export async function monthCounts(pool: Pool, query: ReportQuery) {
  return run<{ month: string; received: number } & Record<string, number>>(
    pool,
    query,
    `SELECT to_char(c.received_on, 'YYYY-MM') AS month, count(*)::int AS received,
            ${rateColumns('onTimeCompletion')}
       FROM report_cases c WHERE ${IN_PERIOD} GROUP BY 1 ORDER BY 1`,
  );
}

/** The backlog at the period's start and end, what of the first was cleared, and the oldest open cases. */
export async function backlogCounts(pool: Pool, query: ReportQuery, listLimit: number) {
  const [counts] = await run<{ atStart: number; atEnd: number; cleared: number }>(
    pool,
    query,
    `SELECT (count(*) FILTER (WHERE ${BACKLOG.at('$start::date')}))::int AS "atStart",
            (count(*) FILTER (WHERE ${BACKLOG.at('$end::date')}))::int AS "atEnd",
            (count(*) FILTER (WHERE ${BACKLOG.at('$start::date')}
                AND (c.handled_on <= $end::date OR c.closed_on <= $end::date)))::int AS cleared
       FROM report_cases c
      WHERE ${IN_SCOPE} AND NOT c.withdrawn AND c.handle_due < $end::date`,
  );
  if (listLimit <= 0) return { ...counts!, cases: [] };
  const cases = await run<{
    petitionId: string;
    unitId: string;
    unitName: string;
    handleDue: string;
    daysOverdue: number;
  }>(
    pool,
    query,
    `SELECT c.petition_id AS "petitionId", ${RESPONSIBLE_UNIT_SQL} AS "unitId", u.name AS "unitName",
            to_char(c.handle_due, 'YYYY-MM-DD') AS "handleDue", ($end::date - c.handle_due)::int AS "daysOverdue"
       FROM report_cases c JOIN units u ON u.id = ${RESPONSIBLE_UNIT_SQL}
      WHERE ${IN_SCOPE} AND ${BACKLOG.at('$end::date')}
      ORDER BY c.handle_due, c.petition_id LIMIT ${Math.trunc(listLimit)}`,
  );
  return { ...counts!, cases };
}

type SupervisionRow = { unitId: string; name: string; notices: number; escalations: number; listed: number };

/**
 * Supervision notices, escalations and listings of the period, per supervised unit, for cases in scope; and the
 * notices by source (S33: automatic, the bureau's own, the joint-conference office's, a higher bureau's), each
 * source once, zero where none — they sum to the units' notices. One scan for both (GROUPING SETS).
 */
export async function supervisionCounts(pool: Pool, query: ReportQuery) {
  const rows = await run<SupervisionRow & { source: SupervisionSource | null; perSource: boolean }>(
    pool,
    query,
    `SELECT s.unit_id AS "unitId", u.name, s.source, GROUPING(s.unit_id, u.name) = 3 AS "perSource",
            (count(*) FILTER (WHERE s.notice_on BETWEEN $start::date AND $to::date))::int AS notices,
            (count(*) FILTER (WHERE s.escalated_on BETWEEN $start::date AND $to::date))::int AS escalations,
            (count(*) FILTER (WHERE s.listed_on BETWEEN $start::date AND $to::date))::int AS listed
       FROM supervision_items s
       JOIN report_cases c ON c.petition_id = s.petition_id
       JOIN units u ON u.id = s.unit_id
      WHERE ${IN_SCOPE}
        AND (s.notice_on BETWEEN $start::date AND $to::date OR s.escalated_on BETWEEN $start::date AND $to::date
             OR s.listed_on BETWEEN $start::date AND $to::date)
      GROUP BY GROUPING SETS ((s.unit_id, u.name), (s.source))
      ORDER BY notices DESC, escalations DESC, s.unit_id`,
  );
  const of = (source: SupervisionSource) =>
    rows.find((r) => r.perSource && r.source === source)?.notices ?? 0;
  return {
    units: rows
      .filter((r) => !r.perSource)
      .map(({ unitId, name, notices, escalations, listed }) => ({
        unitId,
        name,
        notices,
        escalations,
        listed,
      })),
    bySource: {
      automatic: of('automatic'),
      manual: of('manual'),
      jointConference: of('joint-conference'),
      higherBureau: of('higher-bureau'),
    },
  };
}

const IN_SCOPE_OF_ACT = inScope('a');
const RESOLUTION_ACTS = {
  resolved: ['measure', 'resolved'],
  educated: ['measure', 'educated'],
  aided: ['measure', 'aided'],
  lawfullyHandled: ['measure', 'lawfully-handled'],
  agreements: ['agreement'],
  stoppedPetitioning: ['stopped-petitioning'],
  carriedOut: ['carried-out'],
} as const satisfies Record<string, readonly [ActKind, string?]>;
type ResolutionFigure = keyof typeof RESOLUTION_ACTS;

const isAct = (act: ActKind, detail?: string) =>
  `a.act = '${act}'${detail === undefined ? '' : ` AND a.detail = '${detail}'`}`;

/**
 * The acts of the period on the cases of the scope (report_acts), in one scan by their date: the after-care
 * figures (AFTERCARE), each act dated from `$start` to `$to`; and how matters ended (S12–S16), each part
 * counted once for a case when its date lies from `$start` to `$end` (as known by the as-of date).
 */
export async function actCounts(
  pool: Pool,
  query: ReportQuery,
): Promise<{ aftercare: Record<AftercareFigureId, number>; resolution: Record<ResolutionFigure, number> }> {
  const aftercareIds = Object.keys(AFTERCARE) as AftercareFigureId[];
  const resolutionIds = Object.keys(RESOLUTION_ACTS) as ResolutionFigure[];
  const aftercareColumns = aftercareIds.map((id) => {
    const figure: { act: ActKind; detail?: string } = AFTERCARE[id];
    return `(count(*) FILTER (WHERE ${isAct(figure.act, figure.detail)}))::int AS "${id}"`;
  });
  const resolutionColumns = resolutionIds.map((id) => {
    const [act, detail] = RESOLUTION_ACTS[id] as readonly [ActKind, string?];
    // Each part is recorded once on a case (a measure once by its name): a count of acts is one of cases.
    return `(count(*) FILTER (WHERE ${isAct(act, detail)} AND a.on_date <= $end::date))::int AS "${id}"`;
  });
  const [row] = await run<Record<AftercareFigureId | ResolutionFigure, number>>(
    pool,
    query,
    `SELECT ${[...aftercareColumns, ...resolutionColumns].join(',\n            ')}
       FROM report_acts a
      WHERE a.on_date BETWEEN $start::date AND $to::date AND ${IN_SCOPE_OF_ACT}`,
  );
  const pick = <K extends AftercareFigureId | ResolutionFigure>(ids: K[]) =>
    Object.fromEntries(ids.map((id) => [id, row![id]])) as Record<K, number>;
  return { aftercare: pick(aftercareIds), resolution: pick(resolutionIds) };
}
