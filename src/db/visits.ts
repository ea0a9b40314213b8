import type { Pool } from 'pg';
import type { Destination, InstructionKind, ReceptionKind, SessionKind } from './visit-vocabulary';

/** The visit register, reception sessions and leaders' instructions (migration 1796000000020). Counts only. */

const STAMP = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const DAY = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

export interface SessionRow {
  id: string;
  unitId: string;
  kind: SessionKind;
  heldOn: string;
  leader: string;
  leaders: number;
  place: string;
  recordedBy: string;
  createdAt: string;
}

const SESSION_COLUMNS = `id, unit_id AS "unitId", kind, ${DAY('held_on')} AS "heldOn", leader, leaders, place,
  recorded_by AS "recordedBy", ${STAMP('created_at')} AS "createdAt"`;

/** Records a session once per request: a retry of the same request answers the row the first one wrote. */
export async function insertSession(
  pool: Pool,
  requestId: string,
  session: Omit<SessionRow, 'createdAt'>,
): Promise<SessionRow> {
  await pool.query(
    `INSERT INTO reception_sessions (id, request_id, unit_id, kind, held_on, leader, leaders, place, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (request_id) DO NOTHING`,
    [
      session.id,
      requestId,
      session.unitId,
      session.kind,
      session.heldOn,
      session.leader,
      session.leaders,
      session.place,
      session.recordedBy,
    ],
  );
  const { rows } = await pool.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM reception_sessions WHERE request_id = $1`,
    [requestId],
  );
  return rows[0]!;
}

export async function findSession(pool: Pool, id: string): Promise<SessionRow | undefined> {
  const { rows } = await pool.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM reception_sessions WHERE id = $1`,
    [id],
  );
  return rows[0];
}

export interface VisitRow {
  id: string;
  petitionId: string;
  unitId: string;
  visitedOn: string;
  place: string;
  batches: number;
  persons: number;
  group: boolean;
  registered: boolean;
  repeat: boolean;
  reception: ReceptionKind | null;
  sessionId: string | null;
  receivedBy: string | null;
  destination: Destination | null;
  recordedBy: string;
  createdAt: string;
}

const VISIT_COLUMNS = `id, petition_id AS "petitionId", unit_id AS "unitId", ${DAY('visited_on')} AS "visitedOn",
  place, batches, persons, group_visit AS "group", registered, repeat, reception, session_id AS "sessionId",
  received_by AS "receivedBy", destination, recorded_by AS "recordedBy", ${STAMP('created_at')} AS "createdAt"`;

export type NewVisit = Omit<VisitRow, 'group' | 'createdAt'>;

/** Records a visit once per request (see insertSession). */
export async function insertVisit(pool: Pool, requestId: string, visit: NewVisit): Promise<VisitRow> {
  await pool.query(
    `INSERT INTO visits (id, request_id, petition_id, unit_id, visited_on, place, batches, persons, registered,
                         repeat, reception, session_id, received_by, destination, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (request_id) DO NOTHING`,
    [
      visit.id,
      requestId,
      visit.petitionId,
      visit.unitId,
      visit.visitedOn,
      visit.place,
      visit.batches,
      visit.persons,
      visit.registered,
      visit.repeat,
      visit.reception,
      visit.sessionId,
      visit.receivedBy,
      visit.destination,
      visit.recordedBy,
    ],
  );
  const { rows } = await pool.query<VisitRow>(`SELECT ${VISIT_COLUMNS} FROM visits WHERE request_id = $1`, [
    requestId,
  ]);
  return rows[0]!;
}

/** The visits received at a reception session. */
export async function listVisitsOfSession(pool: Pool, sessionId: string): Promise<VisitRow[]> {
  const { rows } = await pool.query<VisitRow>(
    `SELECT ${VISIT_COLUMNS} FROM visits WHERE session_id = $1 ORDER BY created_at, id`,
    [sessionId],
  );
  return rows;
}

export interface InstructionRow {
  id: string;
  petitionId: string;
  kind: InstructionKind;
  instructedOn: string;
  leader: string;
  text: string;
  recordedBy: string;
  unitId: string;
  createdAt: string;
}

const INSTRUCTION_COLUMNS = `id, petition_id AS "petitionId", kind, ${DAY('instructed_on')} AS "instructedOn",
  leader, body AS text, recorded_by AS "recordedBy", unit_id AS "unitId", ${STAMP('created_at')} AS "createdAt"`;

export async function insertInstruction(
  pool: Pool,
  requestId: string,
  instruction: Omit<InstructionRow, 'createdAt'>,
): Promise<InstructionRow> {
  await pool.query(
    `INSERT INTO case_instructions (id, request_id, petition_id, kind, instructed_on, leader, body, recorded_by, unit_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (request_id) DO NOTHING`,
    [
      instruction.id,
      requestId,
      instruction.petitionId,
      instruction.kind,
      instruction.instructedOn,
      instruction.leader,
      instruction.text,
      instruction.recordedBy,
      instruction.unitId,
    ],
  );
  const { rows } = await pool.query<InstructionRow>(
    `SELECT ${INSTRUCTION_COLUMNS} FROM case_instructions WHERE request_id = $1`,
    [requestId],
  );
  return rows[0]!;
}

/**
 * A case's visits and leaders' instructions in one round trip: every command's answer (the case detail) reads them,
 * so two queries there cost every Update a pool connection more.
 */
export async function registerOfCase(
  pool: Pool,
  petitionId: string,
): Promise<{ visits: VisitRow[]; instructions: InstructionRow[] }> {
  const { rows } = await pool.query<{ visits: VisitRow[]; instructions: InstructionRow[] }>(
    `SELECT (SELECT coalesce(json_agg(v ORDER BY v."visitedOn", v."createdAt", v.id), '[]')
               FROM (SELECT ${VISIT_COLUMNS} FROM visits WHERE petition_id = $1) v) AS visits,
            (SELECT coalesce(json_agg(i ORDER BY i."instructedOn", i."createdAt", i.id), '[]')
               FROM (SELECT ${INSTRUCTION_COLUMNS} FROM case_instructions WHERE petition_id = $1) i) AS instructions`,
    [petitionId],
  );
  return rows[0]!;
}
