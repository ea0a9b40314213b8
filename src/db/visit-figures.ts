import type { Pool } from 'pg';
import type { ReportQuery } from './reports';

/**
 * The figures of the visit register (issue 23 item 1), each defined once: its Chinese name, its unit, its
 * formula in words (the API docs, docs/reports.md, the CSV) and the SQL that counts it. A visit counts in the
 * scope of the unit that recorded (received) it, by its day; a session likewise; an instruction on the cases
 * of the scope (their bureau or handling unit), by its day. An empty period counts zeros.
 */
export interface VisitFigure {
  label: string;
  unit: '批' | '人次' | '次' | '件' | '条';
  formula: string;
  source: 'visits' | 'sessions' | 'instructions';
  /** An aggregate over the source's rows of the period (alias `v`, `s` or `i`). */
  sql: string;
}

const sumOf = (column: 'batches' | 'persons', where: string) =>
  `coalesce(sum(v.${column})${where ? ` FILTER (WHERE ${where})` : ''}, 0)::int`;

/** 批次 and 人次 of the visits that `where` selects. */
function pair<Id extends string>(
  id: Id,
  label: string,
  what: string,
  where: string,
): Record<`${Id}Batches` | `${Id}Persons`, VisitFigure> {
  return {
    [`${id}Batches`]: {
      label: `${label}批次`,
      unit: '批',
      formula: `batches (批) of ${what}`,
      source: 'visits',
      sql: sumOf('batches', where),
    },
    [`${id}Persons`]: {
      label: `${label}人次`,
      unit: '人次',
      formula: `persons (人次) of ${what}`,
      source: 'visits',
      sql: sumOf('persons', where),
    },
  } as Record<`${Id}Batches` | `${Id}Persons`, VisitFigure>;
}

const session = (label: string, formula: string, sql: string): VisitFigure => ({
  label,
  unit: label.endsWith('人次') ? '人次' : '次',
  formula,
  source: 'sessions',
  sql,
});

export const VISIT_FIGURES = {
  ...pair(
    'visits',
    '来访',
    'the visits of the period recorded by the units of the scope, 越级访 included',
    '',
  ),
  ...pair(
    'local',
    '本级接待',
    'the visits received by the scope itself (no destination)',
    'v.destination IS NULL',
  ),
  ...pair('city', '到市', 'the visits reported down as made at the city (到市访)', `v.destination = 'city'`),
  ...pair(
    'province',
    '赴省',
    'the visits reported down as made at the province (赴省访)',
    `v.destination = 'province'`,
  ),
  ...pair(
    'beijing',
    '进京',
    'the visits reported down as made in Beijing (进京访)',
    `v.destination = 'beijing'`,
  ),
  ...pair('group', '集体访', 'the group visits: one batch of five or more persons', 'v.group_visit'),
  ...pair(
    'firstVisit',
    '初访',
    'the visits that registered a first-time petition (初信初访)',
    'v.registered AND NOT v.repeat',
  ),
  ...pair(
    'repeatVisit',
    '重复访',
    'the visits on an existing case, or that registered a repeat petition',
    'v.repeat',
  ),
  ...pair('reception', '窗口接待', 'the visits received at the reception desk', `v.reception = 'reception'`),
  ...pair(
    'leaderReception',
    '领导接访',
    'the visits received by a leader on a reception day',
    `v.reception = 'leaderReception'`,
  ),
  ...pair('appointment', '约访', 'the visits received by appointment', `v.reception = 'appointment'`),
  ...pair('downVisit', '下访', 'the visits received on a down-visit', `v.reception = 'downVisit'`),
  ...pair(
    'jointReception',
    '联合接访',
    'the visits received at a joint reception',
    `v.reception = 'jointReception'`,
  ),
  leaderReceptionDays: session(
    '领导接访',
    'leader reception days (领导接访日) held in the period by the units of the scope, each counted once',
    `count(*) FILTER (WHERE s.kind = 'leaderReception')::int`,
  ),
  downVisits: session(
    '领导下访',
    'down-visits (下访) made in the period, each counted once',
    `count(*) FILTER (WHERE s.kind = 'downVisit')::int`,
  ),
  downVisitLeaders: session(
    '党政领导下访人次',
    'the leaders who took part in the down-visits of the period, summed (人次)',
    `coalesce(sum(s.leaders) FILTER (WHERE s.kind = 'downVisit'), 0)::int`,
  ),
  jointReceptions: session(
    '联合接访',
    'joint receptions (联合接访) held in the period, each counted once',
    `count(*) FILTER (WHERE s.kind = 'jointReception')::int`,
  ),
  instructions: {
    label: '领导阅批、批示',
    unit: '条',
    formula: 'leaders’ 阅批 and 批示 recorded with a day in the period on the cases of the scope',
    source: 'instructions',
    sql: 'count(*)::int',
  },
  instructedCases: {
    label: '领导阅批件',
    unit: '件',
    formula: 'cases of the scope with at least one 阅批 or 批示 dated in the period, each counted once',
    source: 'instructions',
    sql: 'count(DISTINCT i.petition_id)::int',
  },
} as const satisfies Record<string, VisitFigure>;

export type VisitFigureId = keyof typeof VISIT_FIGURES;
export const VISIT_FIGURE_IDS = Object.keys(VISIT_FIGURES) as VisitFigureId[];

const FROM: Record<VisitFigure['source'], string> = {
  visits: `visits v WHERE v.unit_id = ANY($1::text[]) AND v.visited_on BETWEEN $2::date AND $3::date`,
  sessions: `reception_sessions s WHERE s.unit_id = ANY($1::text[]) AND s.held_on BETWEEN $2::date AND $3::date`,
  instructions: `case_instructions i JOIN petitions p ON p.id = i.petition_id
    WHERE (p.bureau_unit_id = ANY($1::text[]) OR p.handling_unit_id = ANY($1::text[]))
      AND i.instructed_on BETWEEN $2::date AND $3::date`,
};

/** Every visit figure of the scope and period: one query per source. */
export async function visitCounts(pool: Pool, query: ReportQuery): Promise<Record<VisitFigureId, number>> {
  const parts = await Promise.all(
    (Object.keys(FROM) as Array<VisitFigure['source']>).map(async (source) => {
      const ids = VISIT_FIGURE_IDS.filter((id) => VISIT_FIGURES[id].source === source);
      const columns = ids.map((id) => `${VISIT_FIGURES[id].sql} AS "${id}"`).join(', ');
      const { rows } = await pool.query<Record<VisitFigureId, number>>(
        `SELECT ${columns} FROM ${FROM[source]}`,
        [query.unitIds, query.from, query.to],
      );
      return rows[0]!;
    }),
  );
  return Object.assign({}, ...parts) as Record<VisitFigureId, number>;
}
