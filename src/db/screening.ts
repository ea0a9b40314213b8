import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction';

/** The dispute screening register (矛盾纠纷排查, S41): rounds, the disputes they found, dated outcomes. */

export const ROUND_KINDS = ['regular', 'concentrated', 'focused'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const OUTCOMES = ['open', 'mediated', 'resolved', 'petition'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface RoundRow {
  id: string;
  unitId: string;
  unitName: string;
  kind: RoundKind;
  periodStart: string;
  periodEnd: string;
  heldOn: string;
  ledBy: string;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface OutcomeRow {
  outcome: Outcome;
  on: string;
  petitionId: string | null;
  note: string | null;
  recordedBy: string;
  unitId: string;
  recordedAt: string;
}

export interface DisputeRow {
  id: string;
  roundId: string;
  /** The round's unit and day: who found it, and when (the start of its outcome history). */
  roundUnitId: string;
  foundOn: string;
  classificationCode: string;
  classificationCategory: string;
  classificationVersion: string;
  summary: string;
  place: string;
  parties: number;
  riskLevel: RiskLevel;
  handlingUnitId: string;
  handlingUnitName: string;
  recordedBy: string;
  recordedAt: string;
}

const DAY = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
const INSTANT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const ROUND_COLUMNS = `r.id, r.unit_id AS "unitId", u.name AS "unitName", r.kind,
  ${DAY('r.period_start')} AS "periodStart", ${DAY('r.period_end')} AS "periodEnd", ${DAY('r.held_on')} AS "heldOn",
  r.led_by AS "ledBy", r.note, r.recorded_by AS "recordedBy", ${INSTANT('r.created_at')} AS "recordedAt"`;

const DISPUTE_COLUMNS = `d.id, d.round_id AS "roundId", r.unit_id AS "roundUnitId", ${DAY('r.held_on')} AS "foundOn",
  d.classification_code AS "classificationCode", d.classification_category AS "classificationCategory",
  d.classification_version AS "classificationVersion", d.summary, d.place, d.parties, d.risk_level AS "riskLevel",
  d.handling_unit_id AS "handlingUnitId", h.name AS "handlingUnitName", d.recorded_by AS "recordedBy",
  ${INSTANT('d.created_at')} AS "recordedAt"`;

const OUTCOME_COLUMNS = `o.outcome, ${DAY('o.outcome_on')} AS "on", o.petition_id AS "petitionId", o.note,
  o.recorded_by AS "recordedBy", o.unit_id AS "unitId", ${INSTANT('o.recorded_at')} AS "recordedAt"`;

export interface NewRound {
  id: string;
  unitId: string;
  kind: RoundKind;
  periodStart: string;
  periodEnd: string;
  heldOn: string;
  ledBy: string;
  note: string | null;
  recordedBy: string;
  requestId: string;
}

/** Records a round; a retry of the same request (same request id) answers the round it wrote. */
export async function insertRound(pool: Pool, round: NewRound): Promise<RoundRow> {
  await pool.query(
    `INSERT INTO screening_rounds (id, unit_id, kind, period_start, period_end, held_on, led_by, note, recorded_by, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (request_id) DO NOTHING`,
    [
      round.id,
      round.unitId,
      round.kind,
      round.periodStart,
      round.periodEnd,
      round.heldOn,
      round.ledBy,
      round.note,
      round.recordedBy,
      round.requestId,
    ],
  );
  const { rows } = await pool.query<RoundRow>(
    `SELECT ${ROUND_COLUMNS} FROM screening_rounds r JOIN units u ON u.id = r.unit_id WHERE r.request_id = $1`,
    [round.requestId],
  );
  return rows[0]!;
}

export async function findRound(pool: Pool, id: string): Promise<RoundRow | undefined> {
  const { rows } = await pool.query<RoundRow>(
    `SELECT ${ROUND_COLUMNS} FROM screening_rounds r JOIN units u ON u.id = r.unit_id WHERE r.id = $1`,
    [id],
  );
  return rows[0];
}

export interface RoundListItem extends RoundRow {
  disputes: number;
  open: number;
}

/** Rounds of these units held between two days (both included), newest first, with their dispute counts. */
export async function listRounds(
  pool: Pool,
  filter: { unitIds: string[]; from?: string; to?: string; limit: number; offset: number },
): Promise<RoundListItem[]> {
  const { rows } = await pool.query<RoundListItem>(
    `SELECT ${ROUND_COLUMNS},
            (SELECT count(*) FROM screening_disputes d WHERE d.round_id = r.id)::int AS disputes,
            (SELECT count(*) FROM screening_disputes d
              WHERE d.round_id = r.id AND ${LATEST_OUTCOME('d', 'NULL')} = 'open')::int AS open
       FROM screening_rounds r JOIN units u ON u.id = r.unit_id
      WHERE r.unit_id = ANY($1::text[])
        AND ($2::date IS NULL OR r.held_on >= $2::date) AND ($3::date IS NULL OR r.held_on <= $3::date)
      ORDER BY r.held_on DESC, r.created_at DESC, r.id
      LIMIT $4 OFFSET $5`,
    [filter.unitIds, filter.from ?? null, filter.to ?? null, filter.limit, filter.offset],
  );
  return rows;
}

/**
 * SQL for a dispute's outcome on a day (`at`, SQL; NULL: as it stands now): its latest entry dated on or before
 * it, by date and then by the order written; open when it has none.
 */
export function LATEST_OUTCOME(dispute: string, at: string): string {
  return `coalesce((SELECT o.outcome FROM screening_outcomes o
             WHERE o.dispute_id = ${dispute}.id AND (${at} IS NULL OR o.outcome_on <= ${at})
             ORDER BY o.outcome_on DESC, o.id DESC LIMIT 1), 'open')`;
}

export interface NewDispute {
  id: string;
  roundId: string;
  classificationCode: string;
  classificationCategory: string;
  classificationVersion: string;
  summary: string;
  place: string;
  parties: number;
  riskLevel: RiskLevel;
  handlingUnitId: string;
  recordedBy: string;
  requestId: string;
}

/** Records a dispute of a round; a retry of the same request answers the dispute it wrote. */
export async function insertDispute(pool: Pool, dispute: NewDispute): Promise<DisputeRow> {
  await pool.query(
    `INSERT INTO screening_disputes (id, round_id, classification_code, classification_category,
       classification_version, summary, place, parties, risk_level, handling_unit_id, recorded_by, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (request_id) DO NOTHING`,
    [
      dispute.id,
      dispute.roundId,
      dispute.classificationCode,
      dispute.classificationCategory,
      dispute.classificationVersion,
      dispute.summary,
      dispute.place,
      dispute.parties,
      dispute.riskLevel,
      dispute.handlingUnitId,
      dispute.recordedBy,
      dispute.requestId,
    ],
  );
  const { rows } = await pool.query<{ id: string }>(
    'SELECT id FROM screening_disputes WHERE request_id = $1',
    [dispute.requestId],
  );
  return (await findDispute(pool, rows[0]!.id))!;
}

const DISPUTES_FROM = `screening_disputes d JOIN screening_rounds r ON r.id = d.round_id
  JOIN units h ON h.id = d.handling_unit_id`;

export async function findDispute(db: Pool | PoolClient, id: string): Promise<DisputeRow | undefined> {
  const { rows } = await db.query<DisputeRow>(
    `SELECT ${DISPUTE_COLUMNS} FROM ${DISPUTES_FROM} WHERE d.id = $1`,
    [id],
  );
  return rows[0];
}

export async function disputesOfRound(pool: Pool, roundId: string): Promise<DisputeRow[]> {
  const { rows } = await pool.query<DisputeRow>(
    `SELECT ${DISPUTE_COLUMNS} FROM ${DISPUTES_FROM} WHERE d.round_id = $1 ORDER BY d.created_at, d.id`,
    [roundId],
  );
  return rows;
}

/** The outcome entries of these disputes, in the order they took effect. */
export async function outcomesOf(
  db: Pool | PoolClient,
  disputeIds: string[],
): Promise<Array<OutcomeRow & { disputeId: string }>> {
  const { rows } = await db.query<OutcomeRow & { disputeId: string }>(
    `SELECT o.dispute_id AS "disputeId", ${OUTCOME_COLUMNS} FROM screening_outcomes o
      WHERE o.dispute_id = ANY($1::text[]) ORDER BY o.outcome_on, o.id`,
    [disputeIds],
  );
  return rows;
}

export interface NewOutcome {
  disputeId: string;
  outcome: Outcome;
  on: string;
  petitionId: string | null;
  note: string | null;
  recordedBy: string;
  unitId: string;
  requestId: string;
}

/** Whether this request already recorded an outcome (a retry after a lost answer). */
export async function outcomeRecordedBy(pool: Pool, requestId: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM screening_outcomes WHERE request_id = $1', [
    requestId,
  ]);
  return (rowCount ?? 0) > 0;
}

/**
 * Appends an outcome once `check` accepts it against the dispute's history, with the dispute locked: two
 * changes at once are decided one after the other, each against the other's result.
 */
export async function appendOutcome(
  pool: Pool,
  outcome: NewOutcome,
  check: (history: OutcomeRow[]) => void,
): Promise<void> {
  const client = await pool.connect();
  try {
    await inTransaction(client, async () => {
      // An advisory lock, not FOR UPDATE: the runtime role may not update the register's rows.
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('screening:' || $1, 0))`, [
        outcome.disputeId,
      ]);
      check(await outcomesOf(client, [outcome.disputeId]));
      await client.query(
        `INSERT INTO screening_outcomes (dispute_id, outcome, outcome_on, petition_id, note, recorded_by, unit_id, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (request_id) DO NOTHING`,
        [
          outcome.disputeId,
          outcome.outcome,
          outcome.on,
          outcome.petitionId,
          outcome.note,
          outcome.recordedBy,
          outcome.unitId,
          outcome.requestId,
        ],
      );
    });
  } finally {
    client.release();
  }
}
