import type { Pool, PoolClient } from 'pg';
import { prepared } from './prepared';
import type { CaseState } from '../case';
import type { CaseStatus, Category, Channel, RegistrationLevel } from '../case/vocabulary';

export interface Petitioner {
  name: string;
  phone?: string;
  idNumber?: string;
  address?: string;
}

export interface NewPetition {
  bureauUnitId: string;
  channel: Channel;
  category: Category;
  /** The subject-matter code as registered (either level of the classification). */
  domain: string;
  /** Its category at registration: what the reports by category and repeat petitions go by. */
  domainCategory: string;
  /** The classification file it was chosen from (`id@version`). */
  classificationVersion: string;
  receivedOn: string;
  ruleSetId: string;
  subject: string;
  description: string;
  petitioner: Petitioner;
  registeredBy: string;
  petitionerKey: string | null;
  firstTime: boolean;
  repeatOf: string | null;
  finalCaseId: string | null;
  groupPersons: number | null;
  /** 信访层级; the registering bureau's level when not given. */
  registrationLevel?: RegistrationLevel;
  /** The rule set of the bureau's province, when the registration pinned another one (an override on record). */
  ruleSetOverrides?: string | null;
  /** The petitioner's file it goes into (一户一档), when the registration decided it. */
  petitionerId?: string | null;
}

/** A petition as stored: its registration, the fold of its events, and copies of it for filters. */
export interface PetitionRow extends NewPetition {
  id: string;
  createdAt: string;
  status: CaseStatus;
  handlingUnitId: string | null;
  outcome: string | null;
  overdue: boolean;
  nextDeadlineKey: string | null;
  nextDeadlineAt: string | null;
  closedReason: string | null;
  procedure: string | null;
  routingMode: string | null;
  caseState: CaseState | null;
  reviewUnitId: string | null;
  reexaminationUnitId: string | null;
  /** Bureaus that transferred the case out of their area (转出): they keep read access. */
  transferredFromUnitIds: string[];
  lastSequence: number;
  updatedAt: string;
  /** The petitioner's file (一户一档) it is filed under. */
  petitionerId: string | null;
}

/** The columns of a PetitionRow (also read by the search, src/db/petition-search.ts). */
export const COLUMNS = `id, bureau_unit_id AS "bureauUnitId", channel, category, domain,
  domain_category AS "domainCategory", classification_version AS "classificationVersion",
  to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", rule_set_id AS "ruleSetId", subject, description, petitioner,
  registered_by AS "registeredBy", created_at AS "createdAt", status, handling_unit_id AS "handlingUnitId", outcome,
  overdue, next_deadline_key AS "nextDeadlineKey", next_deadline_at AS "nextDeadlineAt",
  closed_reason AS "closedReason", procedure, routing_mode AS "routingMode", case_state AS "caseState",
  petitioner_key AS "petitionerKey", first_time AS "firstTime", repeat_of AS "repeatOf",
  review_unit_id AS "reviewUnitId", reexamination_unit_id AS "reexaminationUnitId",
  transferred_from_unit_ids AS "transferredFromUnitIds",
  final_case_id AS "finalCaseId", group_persons AS "groupPersons",
  last_sequence AS "lastSequence", updated_at AS "updatedAt", petitioner_id AS "petitionerId"`;

/** Allocates the next readable number of the year, e.g. XF-2026-000123. */
async function nextPetitionId(client: PoolClient, year: number): Promise<string> {
  const { rows } = await client.query<{ last_value: number }>(
    `INSERT INTO petition_number_counters (year, last_value) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_value = petition_number_counters.last_value + 1
     RETURNING last_value`,
    [year],
  );
  return `XF-${year}-${String(rows[0]?.last_value).padStart(6, '0')}`;
}

export async function insertPetition(
  client: PoolClient,
  petition: NewPetition,
  year: number,
): Promise<string> {
  const id = await nextPetitionId(client, year);
  await client.query(
    `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, received_on, rule_set_id, subject,
                            description, petitioner, registered_by, status, petitioner_key, first_time,
                            repeat_of, final_case_id, group_persons, registration_level, domain_category,
                            classification_version, rule_set_overrides, petitioner_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'registered', $12, $13, $14, $15, $16,
             COALESCE($17, (SELECT level FROM units WHERE id = $2)), $18, $19, $20, $21)`,
    [
      id,
      petition.bureauUnitId,
      petition.channel,
      petition.category,
      petition.domain,
      petition.receivedOn,
      petition.ruleSetId,
      petition.subject,
      petition.description,
      JSON.stringify(petition.petitioner),
      petition.registeredBy,
      petition.petitionerKey,
      petition.firstTime,
      petition.repeatOf,
      petition.finalCaseId,
      petition.groupPersons,
      petition.registrationLevel ?? null,
      petition.domainCategory,
      petition.classificationVersion,
      petition.ruleSetOverrides ?? null,
      petition.petitionerId ?? null,
    ],
  );
  return id;
}

/** Removes a registration whose workflow never started (nothing else refers to it yet). */
/** The workflow input a registration starts its case with (no personal data), kept for the reconciler. */
export async function keepStartInput(client: PoolClient, id: string, input: object): Promise<void> {
  await client.query('UPDATE petitions SET start_input = $2 WHERE id = $1 AND start_input IS NULL', [
    id,
    JSON.stringify(input),
  ]);
}

/** Registrations whose workflow has written nothing for a while: started and stuck, or never started. */
export async function findUnstarted(
  pool: Pool,
  olderThanSeconds: number,
  limit: number,
  only?: string[],
): Promise<Array<{ id: string; startInput: object | null; keyed: boolean }>> {
  const { rows } = await pool.query(
    `SELECT p.id, p.start_input AS "startInput",
            EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.petition_id = p.id) AS keyed
       FROM petitions p
      WHERE p.last_sequence = 0 AND p.created_at < now() - make_interval(secs => $1)
        AND ($3::text[] IS NULL OR p.id = ANY($3))
      ORDER BY p.created_at LIMIT $2`,
    [olderThanSeconds, limit, only ?? null],
  );
  return rows;
}

export async function deleteUnstartedPetition(pool: Pool, id: string): Promise<void> {
  await pool.query('DELETE FROM petitions WHERE id = $1 AND last_sequence = 0', [id]);
}

const petitionById = prepared<[string]>('petition-by-id', `SELECT ${COLUMNS} FROM petitions WHERE id = $1`);

export async function findPetition(pool: Pool, id: string): Promise<PetitionRow | undefined> {
  const { rows } = await pool.query(petitionById(id));
  return rows[0] as PetitionRow | undefined;
}

/**
 * Earlier petitions of the same petitioner on the same matter, oldest first. The matter is the category
 * (城乡建设, 政法 …), not the code as registered: one demolition raised again is often classified 征地拆迁
 * once and 房屋拆迁 (or only 城乡建设) the next time, and cases from before the classification file carry
 * category-level codes — by the exact code, such a repeat would count as 初信初访.
 */
export async function findSameMatter(
  pool: Pool | PoolClient,
  petitionerKey: string,
  domainCategory: string,
): Promise<Array<{ id: string; status: CaseStatus; closedReason: string | null }>> {
  const { rows } = await pool.query(
    `SELECT id, status, closed_reason AS "closedReason" FROM petitions
      WHERE petitioner_key = $1 AND domain_category = $2 ORDER BY created_at, id`,
    [petitionerKey, domainCategory],
  );
  return rows as Array<{ id: string; status: CaseStatus; closedReason: string | null }>;
}

const linkingCases = prepared<[string]>(
  'petitions-linking-to',
  `SELECT id, CASE WHEN repeat_of = $1 THEN 'repeat' ELSE 'raised-again-after-final' END AS relation
     FROM petitions WHERE repeat_of = $1 OR final_case_id = $1 ORDER BY id`,
);

/** Petitions that link to this one (repeats of it, or raising it again after it became final). */
export async function findLinkingCases(
  pool: Pool,
  id: string,
): Promise<Array<{ id: string; relation: string }>> {
  const { rows } = await pool.query(linkingCases(id));
  return rows as Array<{ id: string; relation: string }>;
}

export interface TimelineEntry {
  sequence: number;
  type: string;
  at: string;
  actor: string | null;
  data: Record<string, unknown>;
}

const timelineOf = prepared<[string]>(
  'petition-timeline',
  `SELECT sequence, type, occurred_at AS at, actor, data FROM petition_events WHERE petition_id = $1 ORDER BY sequence`,
);

export async function petitionTimeline(pool: Pool, id: string): Promise<TimelineEntry[]> {
  const { rows } = await pool.query(timelineOf(id));
  return rows as TimelineEntry[];
}

/** Whether a request (by its update id) already changed this petition: its effect is in the audit trail. */
export async function requestApplied(pool: Pool, petitionId: string, requestId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    'SELECT 1 FROM petition_events WHERE petition_id = $1 AND request_id = $2 LIMIT 1',
    [petitionId, requestId],
  );
  return (rowCount ?? 0) > 0;
}

/** Writes a document once: a retried request derives the same id and writes nothing twice. */
export async function insertDocument(
  pool: Pool,
  doc: { id: string; petitionId: string; kind: string; body: string; createdBy: string },
): Promise<void> {
  await pool.query(
    `INSERT INTO petition_documents (id, petition_id, kind, body, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING`,
    [doc.id, doc.petitionId, doc.kind, doc.body, doc.createdBy],
  );
}

export async function deleteDocument(pool: Pool, id: string): Promise<void> {
  await pool.query('DELETE FROM petition_documents WHERE id = $1', [id]);
}

const documentsOf = prepared<[string]>(
  'petition-documents',
  `SELECT id, kind, body, created_by AS "createdBy", created_at AS "createdAt"
     FROM petition_documents WHERE petition_id = $1 ORDER BY created_at, id`,
);

export async function findDocuments(
  pool: Pool,
  petitionId: string,
): Promise<Array<{ id: string; kind: string; body: string; createdBy: string; createdAt: string }>> {
  const { rows } = await pool.query(documentsOf(petitionId));
  return rows as Array<{ id: string; kind: string; body: string; createdBy: string; createdAt: string }>;
}

const mergedInto = prepared<[string]>(
  'petitions-merged-into',
  `SELECT id FROM petitions
    WHERE closed_reason = 'merged' AND case_state -> 'merge' ->> 'intoCaseId' = $1 ORDER BY id`,
);

/** The cases merged (并案) into this one and not unmerged: their documents and log show in its detail. */
export async function findCasesMergedInto(pool: Pool | PoolClient, id: string): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(mergedInto(id));
  return rows.map((row) => row.id);
}
