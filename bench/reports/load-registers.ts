import { defaultClassification } from '../../src/domain/classification';
import { BENCH_PREFIX } from './organisation';

/**
 * The registers of issue 23 beside the cases (visits, receptions, 阅批, screening, the backlog register and its
 * campaigns), drawn set-based from the bench's draft tables (bench_facts, bench_offices) before they are
 * dropped. Their sizes follow `--visits`, in the proportions below, so that a small run is a province in
 * miniature.
 */
export interface RegisterSizes {
  visits: number;
  /** 领导接访日, 下访 and 联合接访. */
  sessions: number;
  /** 阅批 / 批示: a share of the cases, not of the visits. */
  instructions: number;
  rounds: number;
  disputes: number;
  campaigns: number;
  entries: number;
}

/** Per visit (per case for 阅批): about what the field's documents report for a year (S25–S27, S37–S41, S52). */
export const PER_VISIT = { sessions: 0.04, rounds: 0.01, disputes: 0.1, entries: 0.02, campaigns: 1 / 1500 };
export const INSTRUCTIONS_PER_CASE = 0.015;

export function registerSizes(cases: number, visits: number): RegisterSizes {
  const of = (share: number) => Math.round(visits * share);
  return {
    visits,
    sessions: of(PER_VISIT.sessions),
    instructions: Math.round(cases * INSTRUCTIONS_PER_CASE),
    rounds: visits ? Math.max(1, of(PER_VISIT.rounds)) : 0,
    disputes: of(PER_VISIT.disputes),
    campaigns: visits ? Math.max(2, of(PER_VISIT.campaigns)) : 0,
    entries: of(PER_VISIT.entries),
  };
}

/** A drawn case: `n` from 1 to the number of cases, as FACTS_SQL numbers them. */
const caseId = (n: string) => `'${BENCH_PREFIX}' || lpad((${n})::text, 8, '0')`;

/**
 * `$1` rows of draws, numbered `i`. OFFSET 0 keeps the planner from pulling the draws into the join, where
 * random() would be taken again for every row it meets.
 */
const drawn = (columns: string) => `SELECT i, ${columns} FROM generate_series(1, $1::int) i OFFSET 0`;

/** A day `span` days after `day`, never after the as-of date ($asOf). */
const notAfter = (day: string, asOf: string) => `least(${day}, ${asOf}::date)`;

/**
 * Two thirds of the visits registered a case of channel visit (the visit's day is its day received), the rest
 * came back on a case already registered (重复访), up to 200 days later. A few were made at a higher level and
 * reported down (越级访, no reception); the others were received at the desk, by a leader, by appointment, on a
 * down-visit or at a joint reception. One batch each; about 3 % are group visits (five or more).
 */
const VISITS_SQL = `INSERT INTO visits (id, request_id, petition_id, unit_id, visited_on, place, batches, persons,
        registered, repeat, reception, received_by, destination, recorded_by)
WITH visit_cases AS MATERIALIZED (
  SELECT f.id, f.bureau_unit_id, f.registrar, f.received_on, f.first_time,
         row_number() OVER (ORDER BY random()) AS n
    FROM bench_facts f WHERE f.channel = 'visit'),
registering AS (
  SELECT id, bureau_unit_id, registrar, received_on AS visited_on, true AS registered, NOT first_time AS repeat
    FROM visit_cases WHERE n <= ceil($1::int * 2 / 3.0)),
coming_back_draws AS MATERIALIZED (
  SELECT 1 + floor(random() * $3::int)::int AS n, random() AS r_day
    FROM generate_series(1, $1::int - (SELECT count(*) FROM registering)::int)),
coming_back AS (
  SELECT f.id, f.bureau_unit_id, f.registrar,
         ${notAfter('f.received_on + 1 + floor(g.r_day * 200)::int', '$2')} AS visited_on,
         false AS registered, true AS repeat
    FROM coming_back_draws g JOIN bench_facts f ON f.id = ${caseId('g.n')}),
drawn AS (
  SELECT v.*, row_number() OVER (ORDER BY v.visited_on, v.id) AS i, random() AS r_kind, random() AS r_size
    FROM (SELECT * FROM registering UNION ALL SELECT * FROM coming_back) v)
SELECT '${BENCH_PREFIX}visit-' || d.i, '${BENCH_PREFIX}visit-' || d.i, d.id, d.bureau_unit_id, d.visited_on,
       '来访接待大厅', 1, CASE WHEN d.r_size < 0.03 THEN 5 + floor(d.r_size / 0.03 * 40)::int
                              ELSE 1 + floor(power(d.r_size, 3) * 4)::int END,
       d.registered, d.repeat,
       CASE WHEN d.r_kind < 0.06 THEN NULL WHEN d.r_kind < 0.76 THEN 'reception' WHEN d.r_kind < 0.86 THEN 'leaderReception'
            WHEN d.r_kind < 0.91 THEN 'appointment' WHEN d.r_kind < 0.96 THEN 'downVisit' ELSE 'jointReception' END,
       CASE WHEN d.r_kind >= 0.06 THEN '接待员' END,
       CASE WHEN d.r_kind < 0.005 THEN 'beijing' WHEN d.r_kind < 0.02 THEN 'province'
            WHEN d.r_kind < 0.06 THEN 'city' END,
       d.registrar
  FROM drawn d`;

/** Reception days, down-visits and joint receptions of the bureaus, on days spread over the two years. */
const SESSIONS_SQL = `INSERT INTO reception_sessions (id, request_id, unit_id, kind, held_on, leader, leaders, place,
        recorded_by)
SELECT '${BENCH_PREFIX}session-' || g.i, '${BENCH_PREFIX}session-' || g.i, o.bureau_unit_id,
       CASE WHEN g.r_kind < 0.6 THEN 'leaderReception' WHEN g.r_kind < 0.85 THEN 'downVisit' ELSE 'jointReception' END,
       $2::date + floor(g.r_day * $3::int)::int, '领导', 1 + floor(g.r_kind * 7)::int, '信访局', o.registrar
  FROM (${drawn('random() AS r_office, random() AS r_kind, random() AS r_day')}) g
  JOIN bench_offices o ON o.idx = 1 + floor(g.r_office * (SELECT count(*) FROM bench_offices))::int`;

/** 阅批 and 批示 on drawn cases, within a month of their receipt (not after the as-of date). */
const INSTRUCTIONS_SQL = `INSERT INTO case_instructions (id, request_id, petition_id, kind, instructed_on, leader, body,
        recorded_by, unit_id)
SELECT '${BENCH_PREFIX}instruction-' || g.i, '${BENCH_PREFIX}instruction-' || g.i, f.id,
       CASE WHEN g.r < 0.7 THEN 'reading' ELSE 'instruction' END,
       ${notAfter('f.received_on + 1 + floor(g.r * 30)::int', '$2')}, '领导', '请认真办理', f.registrar, f.bureau_unit_id
  FROM (${drawn('random() AS r, 1 + floor(random() * $3::int)::int AS n')}) g
  JOIN bench_facts f ON f.id = ${caseId('g.n')}`;

/** Screening rounds of the bureaus, each over a month, held in its last days. */
const ROUNDS_SQL = `INSERT INTO screening_rounds (id, unit_id, kind, period_start, period_end, held_on, led_by,
        recorded_by, request_id)
SELECT '${BENCH_PREFIX}round-' || g.i, o.bureau_unit_id,
       CASE WHEN g.r_kind < 0.8 THEN 'regular' WHEN g.r_kind < 0.9 THEN 'concentrated' ELSE 'focused' END,
       g.month, (g.month + interval '1 month - 1 day')::date, (g.month + interval '1 month - 3 days')::date, '领导',
       o.registrar, '${BENCH_PREFIX}round-' || g.i
  FROM (${drawn(`random() AS r_office, random() AS r_kind,
               date_trunc('month', $2::date + floor(random() * $3::int)::int)::date AS month`)}) g
  JOIN bench_offices o ON o.idx = 1 + floor(g.r_office * (SELECT count(*) FROM bench_offices))::int`;

/** The disputes the rounds found, handled by a department of the round's region. */
const DISPUTES_SQL = `INSERT INTO screening_disputes (id, round_id, classification_code, classification_category,
        classification_version, summary, place, parties, risk_level, handling_unit_id, recorded_by, request_id)
SELECT '${BENCH_PREFIX}dispute-' || g.i, r.id, g.domain, split_part(g.domain, '.', 1),
       '${defaultClassification().reference}', '纠纷', '某村', 1 + floor(g.r * 10)::int,
       CASE WHEN g.r < 0.1 THEN 'high' WHEN g.r < 0.4 THEN 'medium' ELSE 'low' END,
       coalesce(o.departments[1 + floor(g.r * cardinality(o.departments))::int], r.unit_id), r.recorded_by,
       '${BENCH_PREFIX}dispute-' || g.i
  FROM (${drawn(`random() AS r, 1 + floor(random() * $2::int)::int AS round,
               ($3::text[])[1 + floor(power(random(), 1.7) * cardinality($3::text[]))::int] AS domain`)}) g
  JOIN screening_rounds r ON r.id = '${BENCH_PREFIX}round-' || g.round
  JOIN bench_offices o ON o.bureau_unit_id = r.unit_id`;

/**
 * Outcomes: most disputes mediated or resolved within two months, a few became a petition (a drawn case), some
 * were reopened later (a second, later entry); the rest stay open. None after the as-of date.
 */
const OUTCOMES_SQL = `INSERT INTO screening_outcomes (dispute_id, outcome, outcome_on, petition_id, recorded_by, unit_id,
        request_id)
WITH disputes AS MATERIALIZED (
  SELECT d.id, d.recorded_by, r.unit_id, r.held_on, random() AS r, random() AS r_keep, random() AS r_case
    FROM screening_disputes d JOIN screening_rounds r ON r.id = d.round_id
   WHERE d.id LIKE '${BENCH_PREFIX}%'),
entries AS (
  SELECT d.*, x.step, CASE WHEN x.step = 2 THEN 'open' WHEN d.r < 0.45 THEN 'mediated' WHEN d.r < 0.75 THEN 'resolved'
                           ELSE 'petition' END AS outcome,
         d.held_on + x.step * (5 + floor(d.r * 60)::int) AS outcome_on
    FROM disputes d CROSS JOIN (VALUES (1), (2)) x(step)
   WHERE d.r_keep < CASE x.step WHEN 1 THEN 0.85 ELSE 0.05 END)
SELECT e.id, e.outcome, e.outcome_on,
       CASE WHEN e.outcome = 'petition' THEN ${caseId('1 + floor(e.r_case * $2::int)::int')} END,
       e.recorded_by, e.unit_id, e.id || '-outcome-' || e.step
  FROM entries e WHERE e.outcome_on <= $1::date`;

/** Campaigns (专项攻坚): the bureaus in turn, counties first, one in each of the two years, March to November. */
const CAMPAIGNS_SQL = `INSERT INTO backlog_campaigns (id, name, unit_id, starts_on, ends_on, target_rate, created_by,
        request_id)
SELECT '${BENCH_PREFIX}campaign-' || g.k, '积案化解攻坚' || g.k, o.bureau_unit_id,
       make_date(y.year, 3, 1), make_date(y.year, 11, 30), 80, o.registrar, '${BENCH_PREFIX}campaign-' || g.k
  FROM generate_series(1, $1::int) g(k)
  CROSS JOIN LATERAL (SELECT (SELECT count(*) FROM bench_offices)::int AS offices) n
  JOIN bench_offices o ON o.idx = 1 + ((g.k - 1) / 2) % n.offices
  CROSS JOIN LATERAL (SELECT extract(year FROM $2::date)::int + (g.k - 1) % 2 AS year) y`;

/**
 * Register entries for long-standing drawn cases (a draft table, so that the entry and its lead case are drawn
 * once): registered three months after receipt and kept by the case's bureau; most join that bureau's
 * campaign of the year when it has one. Outcomes within ten months, forgotten when after the as-of date.
 */
const ENTRY_DRAFTS_SQL = `CREATE TEMP TABLE bench_entries AS
SELECT '${BENCH_PREFIX}entry-' || g.i AS id, g.i, g.r, f.id AS petition_id, f.bureau_unit_id, f.handling_unit_id,
       f.registrar, ${notAfter('f.received_on + 90', '$2')} AS registered_on,
       CASE WHEN g.r < 0.4 THEN 'resolved' WHEN g.r < 0.55 THEN 'stopped-petitioning' END AS outcome,
       ${notAfter('f.received_on + 90', '$2')} + 30 + floor(g.r * 270)::int AS outcome_on,
       CASE WHEN g.r_cluster < 0.2 THEN 3 ELSE 1 END AS cases
  FROM (${drawn('random() AS r, random() AS r_cluster, 1 + floor(random() * $3::int)::int AS n')}) g
  JOIN bench_facts f ON f.id = ${caseId('g.n')}`;

const ENTRIES_SQL = `INSERT INTO backlog_entries (id, campaign_id, title, owner_unit_id, unit_id, leader, cause, measures,
        target_date, registered_on, outcome, outcome_on, created_by, request_id)
SELECT e.id, CASE WHEN e.r < 0.7 THEN c.id END, '积案' || e.i, e.bureau_unit_id,
       coalesce(e.handling_unit_id, e.bureau_unit_id), '包案领导', '历史遗留', '包案化解', e.registered_on + 180,
       e.registered_on, CASE WHEN e.outcome IS NOT NULL AND e.outcome_on <= $1::date THEN e.outcome ELSE 'open' END,
       CASE WHEN e.outcome_on <= $1::date AND e.outcome IS NOT NULL THEN e.outcome_on END, e.registrar, e.id
  FROM bench_entries e
  LEFT JOIN LATERAL (SELECT c.id FROM backlog_campaigns c
                      WHERE c.unit_id = e.bureau_unit_id AND c.id LIKE '${BENCH_PREFIX}%'
                        AND extract(year FROM c.starts_on) = extract(year FROM e.registered_on)
                      ORDER BY c.id LIMIT 1) c ON true`;

/** The lead case, and for a fifth of the entries (clusters) two more drawn cases. */
const ENTRY_CASES_SQL = `INSERT INTO backlog_entry_cases (entry_id, petition_id, position)
SELECT e.id, CASE WHEN p.position = 1 THEN e.petition_id
                  ELSE ${caseId('1 + floor(random() * $1::int)::int')} END, p.position
  FROM bench_entries e CROSS JOIN LATERAL generate_series(1, e.cases) p(position)
ON CONFLICT DO NOTHING`;

/** Two dated progress notes an entry, a month apart, none after the as-of date. */
const PROGRESS_SQL = `INSERT INTO backlog_progress (entry_id, noted_on, note, author, request_id)
SELECT e.id, e.registered_on + 30 * n, '推进中', e.created_by, e.id || '-progress-' || n
  FROM backlog_entries e CROSS JOIN generate_series(1, 2) n
 WHERE e.id LIKE '${BENCH_PREFIX}%' AND e.registered_on + 30 * n <= $1::date`;

/** The loader's steps for the registers: [label, SQL, parameters]. */
export function registerSteps(
  sizes: RegisterSizes,
  options: { cases: number; firstDay: string; days: number; asOf: string; domains: string[] },
): Array<[string, string, unknown[]?]> {
  const { cases, firstDay, days, asOf, domains } = options;
  return [
    ['visits', VISITS_SQL, [sizes.visits, asOf, cases]],
    ['reception_sessions', SESSIONS_SQL, [sizes.sessions, firstDay, days]],
    ['case_instructions (阅批)', INSTRUCTIONS_SQL, [sizes.instructions, asOf, cases]],
    ['screening_rounds', ROUNDS_SQL, [sizes.rounds, firstDay, days]],
    ['screening_disputes', DISPUTES_SQL, [sizes.disputes, sizes.rounds, domains]],
    ['screening_outcomes', OUTCOMES_SQL, [asOf, cases]],
    ['backlog_campaigns', CAMPAIGNS_SQL, [sizes.campaigns, firstDay]],
    ['backlog entries drawn', ENTRY_DRAFTS_SQL, [sizes.entries, asOf, cases]],
    ['backlog_entries', ENTRIES_SQL, [asOf]],
    ['backlog_entry_cases', ENTRY_CASES_SQL, [cases]],
    ['backlog_progress', PROGRESS_SQL, [asOf]],
    ['drop the entry drafts', 'DROP TABLE bench_entries'],
  ];
}

/** The tables the steps write, for ANALYZE and the printout. */
export const REGISTER_TABLES = [
  'visits',
  'reception_sessions',
  'case_instructions',
  'screening_rounds',
  'screening_disputes',
  'screening_outcomes',
  'backlog_campaigns',
  'backlog_entries',
  'backlog_entry_cases',
  'backlog_progress',
] as const;
