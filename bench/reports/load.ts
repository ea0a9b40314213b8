import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { writeOrganisationRows } from '../../src/db/organisation-store';
import { inTransaction } from '../../src/db/transaction';
import { defaultClassification } from '../../src/domain/classification';
import { REPORT_ACTS_SQL } from '../../src/db/report-acts';

/** The subject matters of the built-in file (its sub-category codes are `<category>.<sub>`). */
const DOMAINS = defaultClassification()
  .reportKeys('subcategory')
  .map((k) => k.key);
import { BENCH_PREFIX, type BenchOrganisation } from './organisation';
import { CARRY_OUT_SQL, CASE_STATE_SQL, caseStateTemplates } from './case-states';
import { REGISTER_TABLES, registerSizes, registerSteps } from './load-registers';

export interface LoadOptions {
  cases: number;
  /** Visits of the visit register; the other registers of issue 23 in proportion (load-registers.ts). None: 0. */
  visits?: number;
  /** Cases are received on the `days` days from `firstDay`; outcomes later than `asOf` are not known yet. */
  firstDay: string;
  days: number;
  asOf: string;
  /** SQL over bench_facts (`i` numbers the draws) for the texts; the reports read none, the search does. */
  texts?: { subject: string; description: string; petitioner: string };
}

/** Case ids have eight digits. */
export const MAX_CASES = 99_999_999;

/** Shares of the drawn populations (of all cases unless said otherwise). */
const SHARE = { countyBureau: 0.8, cityBureau: 0.15, routed: 0.92, firstTime: 0.7, withdrawn: 0.03 };

/** One row of random draws per case, in a materialised CTE so that each draw is taken once per case. */
const DRAWS = `drawn AS MATERIALIZED (
  SELECT g.i, $2::date + floor(random() * $3::int)::int AS received_on, random() AS r_bureau,
         random() AS r_office, random() AS r_channel, random() AS r_domain, random() AS r_kind, random() AS r_first,
         random() AS r_unit, random() AS r_ack, random() AS r_ext, random() AS r_late, random() AS r_close,
         random() AS r_eval, random() AS r_sat, random() AS r_sup
    FROM generate_series(1, $1::int) g(i))`;

/**
 * The bench cases with their report facts, one per draw: which bureau (counties most), channel, domain (the
 * first domains most) and category, whether routed to a department of the bureau's region; then, stage by
 * stage, the day each limit was met (some late, some never), each outcome forgotten when after the as-of date.
 */
const CASES_SQL = `CREATE TEMP TABLE bench_cases AS
WITH ${DRAWS},
placed AS (
  SELECT d.*, o.bureau_unit_id, o.registrar, o.level,
         CASE WHEN d.r_unit < ${SHARE.routed} THEN o.departments[1 + floor(d.r_unit / ${SHARE.routed} * cardinality(o.departments))::int] END
           AS handling_unit_id,
         d.r_kind < ${SHARE.withdrawn} AND d.received_on + 3 + floor(d.r_close * 20)::int <= $4::date AS withdrawn
    FROM drawn d JOIN bench_offices o ON o.idx = CASE
      WHEN d.r_bureau < ${SHARE.countyBureau} THEN 1 + floor(d.r_office * $5::int)::int
      WHEN d.r_bureau < ${SHARE.countyBureau + SHARE.cityBureau} THEN $5::int + 1 + floor(d.r_office * $6::int)::int
      ELSE $5::int + $6::int + 1 END),
acknowledged AS (
  SELECT p.*, p.received_on + 15 AS acknowledge_due,
         CASE WHEN p.handling_unit_id IS NOT NULL AND p.r_ack < 0.97
              THEN p.received_on + 1 + floor(power(p.r_ack / 0.97, 2) * 18)::int END AS ack_day
    FROM placed p),
handled AS (
  SELECT a.*, CASE WHEN a.ack_day <= $4::date THEN a.ack_day END AS acknowledged_on,
         CASE WHEN a.ack_day <= $4::date AND NOT a.withdrawn
              THEN a.ack_day + CASE WHEN a.r_ext < 0.1 THEN 90 ELSE 60 END END AS handle_due,
         CASE WHEN a.ack_day <= $4::date AND NOT a.withdrawn AND a.r_late < 0.96
              THEN a.ack_day + 5 + floor(power(a.r_late / 0.96, 1.5) * 70)::int END AS reply_day
    FROM acknowledged a),
closed AS (
  SELECT h.*, CASE WHEN h.reply_day <= $4::date THEN h.reply_day END AS handled_on,
         CASE WHEN h.withdrawn THEN h.received_on + 3 + floor(h.r_close * 20)::int
              WHEN h.reply_day IS NOT NULL AND h.r_close < 0.7 THEN h.reply_day + 15 + floor(h.r_close * 40)::int
              WHEN h.handling_unit_id IS NULL AND h.r_close < 0.7 THEN h.received_on + 10 END AS close_day
    FROM handled h)
SELECT c.i, c.bureau_unit_id, c.registrar, c.received_on,
       CASE WHEN c.r_channel < 0.45 THEN 'online' WHEN c.r_channel < 0.65 THEN 'visit'
            WHEN c.r_channel < 0.80 THEN 'letter' WHEN c.r_channel < 0.90 THEN 'phone'
            WHEN c.r_channel < 0.92 THEN 'fax' ELSE 'transferred' END AS channel,
       CASE WHEN c.r_channel >= 0.96 THEN 'national' ELSE c.level END AS registration_level,
       ($7::text[])[1 + floor(power(c.r_domain, 1.7) * cardinality($7::text[]))::int] AS domain,
       CASE WHEN c.r_kind < 0.15 THEN 'suggestion' WHEN c.r_kind < 0.30 THEN 'accusation'
            ELSE 'complaint' END AS category,
       c.r_first < ${SHARE.firstTime} AS first_time, c.handling_unit_id, c.withdrawn,
       c.r_kind BETWEEN 0.30 AND 0.35 AS case_owned,
       CASE WHEN c.handling_unit_id IS NOT NULL THEN c.acknowledge_due END AS acknowledge_due,
       c.acknowledged_on, c.handle_due, c.handled_on,
       CASE WHEN c.close_day <= $4::date THEN c.close_day END AS closed_on,
       (c.acknowledged_on IS NOT NULL)::int + (c.handled_on IS NOT NULL)::int AS invited,
       c.r_eval, c.r_sat, c.r_sup
  FROM closed c`;

/**
 * Ids in the order cases were received, as registration numbers them; the status from the facts; evaluations:
 * most invited evaluate, most of those are satisfied.
 */
const FACTS_SQL = `CREATE TEMP TABLE bench_facts AS
SELECT b.*, '${BENCH_PREFIX}' || lpad((row_number() OVER (ORDER BY b.received_on, b.i))::text, 8, '0') AS id,
       CASE WHEN b.closed_on IS NOT NULL THEN 'closed' WHEN b.handled_on IS NOT NULL THEN 'replied'
            WHEN b.acknowledged_on IS NOT NULL THEN 'accepted' WHEN b.handling_unit_id IS NOT NULL THEN 'transferred'
            ELSE 'registered' END AS status,
       CASE WHEN b.r_eval < 0.65 THEN b.invited WHEN b.r_eval < 0.8 THEN least(b.invited, 1) ELSE 0 END AS given
  FROM bench_cases b`;

/**
 * A supervision notice the day after D5 for a quarter of the cases that missed it by the as-of date; some
 * escalated to the joint-conference office two weeks later, fewer listed ten days after that.
 */
const SUPERVISION_SQL = `INSERT INTO supervision_items (id, petition_id, item_id, deadline_key, unit_id, level, status,
        notice_on, escalated_on, listed_on, ended_on)
SELECT s.id || '.handle-1', s.id, 'handle-1', 'handle', s.handling_unit_id,
       CASE WHEN s.listed_on IS NOT NULL THEN 'listed' WHEN s.escalated_on IS NOT NULL THEN 'office' ELSE 'notice' END,
       CASE WHEN s.handled_on IS NULL THEN 'open' ELSE 'resolved' END,
       s.notice_on, s.escalated_on, s.listed_on, s.handled_on
  FROM (SELECT f.*, f.handle_due + 1 AS notice_on,
               CASE WHEN f.r_sup < 0.08 AND f.handle_due + 16 <= $1::date THEN f.handle_due + 16 END AS escalated_on,
               CASE WHEN f.r_sup < 0.03 AND f.handle_due + 26 <= $1::date THEN f.handle_due + 26 END AS listed_on
          FROM bench_facts f
         WHERE f.handle_due < $1::date AND (f.handled_on IS NULL OR f.handled_on > f.handle_due)
           AND f.r_sup < 0.25) s`;

const OFFICES_SQL = `CREATE TEMP TABLE bench_offices AS
SELECT o.ord AS idx, o.id AS bureau_unit_id, b.level, r.login AS registrar,
       ARRAY(SELECT d.id FROM units d WHERE d.region_id = b.region_id AND d.kind = 'department' ORDER BY d.id)
         AS departments
  FROM unnest($1::text[]) WITH ORDINALITY o(id, ord) JOIN units b ON b.id = o.id JOIN users r ON r.unit_id = b.id`;

/** Registered on the day received, at nine, and recorded by the workflow since (last_sequence 1), with its case state. */
const PETITIONS_SQL = (
  texts: NonNullable<LoadOptions['texts']>,
) => `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, domain_category,
        classification_version, received_on, rule_set_id, subject, description, petitioner, registered_by, status,
        handling_unit_id, registration_level, first_time, created_at, last_sequence, case_state)
SELECT id, bureau_unit_id, channel, category, domain, split_part(domain, '.', 1), '${defaultClassification().reference}',
       received_on, 'national-2022', ${texts.subject}, ${texts.description}, ${texts.petitioner}, registrar, status, handling_unit_id,
       registration_level, first_time, (received_on + time '09:00') AT TIME ZONE 'Asia/Shanghai', 1, ${CASE_STATE_SQL}
  FROM bench_facts ORDER BY id`;

const NO_TEXTS = { subject: `'Benchmark case'`, description: `''`, petitioner: `'{}'::jsonb` };

const REPORT_CASES_SQL = `INSERT INTO report_cases (petition_id, received_on, bureau_unit_id, handling_unit_id,
        registration_level, channel, domain, domain_category, first_time, status, acknowledge_due, acknowledged_on,
        handle_due, handled_on, closed_on, withdrawn, case_owned, evaluations_invited, evaluations_given,
        evaluations_satisfied)
SELECT id, received_on, bureau_unit_id, handling_unit_id, registration_level, channel, domain,
       split_part(domain, '.', 1), first_time, status,
       acknowledge_due, acknowledged_on, handle_due, handled_on, closed_on, withdrawn, case_owned, invited, given,
       CASE WHEN r_sat < 0.85 THEN given ELSE greatest(given - 1, 0) END
  FROM bench_facts ORDER BY id`;

/** The cases' dated acts from their states, as migration 1796000000024 filled them (src/db/report-acts.ts). */
const REPORT_ACTS_LOAD_SQL = `INSERT INTO report_acts (petition_id, act, detail, on_date, bureau_unit_id, handling_unit_id)
SELECT r.petition_id, a.act, a.detail, a.on_date, r.bureau_unit_id, r.handling_unit_id
  FROM report_cases r JOIN petitions p ON p.id = r.petition_id
 CROSS JOIN LATERAL (${REPORT_ACTS_SQL('p.case_state')}) a
 WHERE r.petition_id LIKE '${BENCH_PREFIX}%'`;

/**
 * Writes the bench organisation and `cases` cases set-based, as the event writer would have left them, in the
 * order they were received (the same cases on every run: the draws are seeded); logs how long each step took.
 */
export async function loadBenchData(
  pool: Pool,
  organisation: BenchOrganisation,
  options: LoadOptions,
  log: (message: string) => void,
) {
  const writer = await pool.connect();
  await inTransaction(writer, () => writeOrganisationRows(writer, organisation.seed)).finally(() =>
    writer.release(),
  );
  const { county, city, province } = organisation.bureaus;
  const { cases, firstDay, days, asOf } = options;
  const registers = options.visits
    ? registerSteps(registerSizes(cases, options.visits), { cases, firstDay, days, asOf, domains: DOMAINS })
    : [];
  const states = await caseStateTemplates();
  const steps: Array<[string, string, unknown[]?]> = [
    ['seed the draws', 'SELECT setseed(0.42)'],
    ['bureaus to draw from', OFFICES_SQL, [[...county, ...city, ...province]]],
    ['draw the cases', CASES_SQL, [cases, firstDay, days, asOf, county.length, city.length, DOMAINS]],
    ['their statuses', FACTS_SQL],
    [
      'petitions',
      PETITIONS_SQL(options.texts ?? NO_TEXTS),
      [states.registered, states.accepted, states.replied],
    ],
    ['carry-outs', CARRY_OUT_SQL],
    ['report_cases', REPORT_CASES_SQL],
    ['report_acts', REPORT_ACTS_LOAD_SQL],
    ['supervision_items', SUPERVISION_SQL, [asOf]],
    ...registers,
    ['drop the drafts', 'DROP TABLE bench_facts, bench_cases, bench_offices'],
    [
      'ANALYZE',
      `ANALYZE regions, units, users, petitions, report_cases, report_acts, supervision_items, ${REGISTER_TABLES.join(', ')}`,
    ],
  ];
  const client = await pool.connect();
  try {
    await client.query('SET statement_timeout = 0');
    // The rows are drawn consistent, and checking every reference row by row would double the load time
    // without changing a read; only a superuser may skip the checks (the embedded server's user is one).
    await client.query(
      `SELECT set_config('session_replication_role', 'replica', false) WHERE current_setting('is_superuser') = 'on'`,
    );
    for (const [label, sql, params] of steps) {
      const started = performance.now();
      await client.query(sql, params);
      log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await client.query('RESET ALL').catch(() => undefined);
    client.release();
  }
}
