import { createHash, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { type PetitionSearch, visibility } from './petition-search';
import { COLUMNS, type Petitioner, type PetitionRow } from './petitions';

/** A petitioner as the file knows them: no identity number, only whether one links their cases. */
export interface PetitionerRecord {
  id: string;
  name: string;
  phoneDigits: string | null;
  /** Cases are linked by the keyed hash of an identity number. */
  identified: boolean;
}

/** How many cases of a petitioner the caller may see: all, open, final (after re-examination). */
export interface PetitionerCounts {
  total: number;
  open: number;
  final: number;
}

export const digitsOf = (phone: string | undefined) => phone?.replace(/[^0-9]/g, '') || null;

/**
 * The petitioner a new registration files under: the one of its identity hash (created on its first case), or a
 * petitioner of its own when no number was given (a confirmed match may join it to another later). Ids are
 * opaque: derived from the hash (the same on every node and retry), or random.
 */
export async function petitionerFor(
  client: PoolClient,
  key: string | null,
  petitioner: Petitioner,
): Promise<string> {
  const name = petitioner.name;
  const phone = digitsOf(petitioner.phone);
  if (!key) {
    const id = `P-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await client.query('INSERT INTO petitioners (id, name, phone_digits) VALUES ($1, $2, $3)', [
      id,
      name,
      phone,
    ]);
    return id;
  }
  const id = `P-${createHash('md5').update(key).digest('hex').slice(0, 16)}`;
  // The latest registration's name and phone are the ones the file shows.
  await client.query(
    `INSERT INTO petitioners (id, id_key, name, phone_digits) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id_key) DO UPDATE SET name = EXCLUDED.name, phone_digits = coalesce(EXCLUDED.phone_digits, petitioners.phone_digits)`,
    [id, key, name, phone],
  );
  return id;
}

export async function setPetitionerOf(client: PoolClient, petitionId: string, petitionerId: string) {
  await client.query('UPDATE petitions SET petitioner_id = $2 WHERE id = $1', [petitionId, petitionerId]);
}

export async function findPetitioner(
  pool: Pool | PoolClient,
  id: string,
): Promise<PetitionerRecord | undefined> {
  const { rows } = await pool.query<PetitionerRecord>(
    `SELECT id, name, phone_digits AS "phoneDigits", id_key IS NOT NULL AS identified FROM petitioners WHERE id = $1`,
    [id],
  );
  return rows[0];
}

export async function findPetitionerByKey(pool: Pool, key: string): Promise<PetitionerRecord | undefined> {
  const { rows } = await pool.query<PetitionerRecord>(
    `SELECT id, name, phone_digits AS "phoneDigits", true AS identified FROM petitioners WHERE id_key = $1`,
    [key],
  );
  return rows[0];
}

/** Petitioners of that exact name and phone (digits): candidates for a match a person must confirm. */
export async function findPetitionersByNamePhone(
  pool: Pool,
  name: string,
  phoneDigits: string,
): Promise<PetitionerRecord[]> {
  const { rows } = await pool.query<PetitionerRecord>(
    `SELECT id, name, phone_digits AS "phoneDigits", id_key IS NOT NULL AS identified
       FROM petitioners WHERE name = $1 AND phone_digits = $2 ORDER BY created_at, id LIMIT 20`,
    [name, phoneDigits],
  );
  return rows;
}

/** The petitioner's cases the caller may see, oldest first. */
export async function visibleCasesOf(
  pool: Pool,
  petitionerId: string,
  visibleTo: PetitionSearch['visibleTo'],
): Promise<PetitionRow[]> {
  const params: unknown[] = [petitionerId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const { rows } = await pool.query(
    `SELECT ${COLUMNS} FROM petitions p WHERE petitioner_id = $1 AND ${visibility(visibleTo, param)}
      ORDER BY created_at, id LIMIT 500`,
    params,
  );
  return rows as PetitionRow[];
}

/**
 * How many cases of each petitioner the caller may see (one query for all of them, so a desk with many files of
 * one name and phone costs one round trip), leaving out `exceptCase`. Petitioners with none are absent.
 */
export async function visibleCountsOf(
  pool: Pool,
  petitionerIds: readonly string[],
  visibleTo: PetitionSearch['visibleTo'],
  exceptCase?: string,
): Promise<Map<string, PetitionerCounts>> {
  if (petitionerIds.length === 0) return new Map();
  const params: unknown[] = [petitionerIds, exceptCase ?? null];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const { rows } = await pool.query<PetitionerCounts & { petitionerId: string }>(
    `SELECT petitioner_id AS "petitionerId", count(*)::int AS total,
            (count(*) FILTER (WHERE status <> 'closed'))::int AS open,
            (count(*) FILTER (WHERE closed_reason = 'final'))::int AS final
       FROM petitions p
      WHERE petitioner_id = ANY($1::text[]) AND id IS DISTINCT FROM $2 AND ${visibility(visibleTo, param)}
      GROUP BY petitioner_id`,
    params,
  );
  return new Map(rows.map(({ petitionerId, ...counts }) => [petitionerId, counts]));
}

export function countsOf(rows: readonly PetitionRow[]): PetitionerCounts {
  return {
    total: rows.length,
    open: rows.filter((row) => row.status !== 'closed').length,
    final: rows.filter((row) => row.closedReason === 'final').length,
  };
}

export interface PetitionerMatch {
  petitionId: string;
  previousPetitionerId: string;
  confirmedBy: string;
  confirmedAt: string;
}

/**
 * Files a case under a petitioner on a confirmed match (name and phone), recording who confirmed it and when.
 * In one transaction with the case's row locked, so two confirmations of one case do not interleave.
 */
export async function confirmMatch(
  pool: Pool,
  petitionId: string,
  petitionerId: string,
  confirmedBy: string,
  check: (current: { petitionerId: string | null; petitionerKey: string | null }) => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ petitionerId: string | null; petitionerKey: string | null }>(
      `SELECT petitioner_id AS "petitionerId", petitioner_key AS "petitionerKey" FROM petitions WHERE id = $1 FOR UPDATE`,
      [petitionId],
    );
    await check(rows[0] ?? { petitionerId: null, petitionerKey: null });
    await client.query(
      `INSERT INTO petitioner_matches (petition_id, petitioner_id, previous_petitioner_id, confirmed_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (petition_id) DO UPDATE SET petitioner_id = EXCLUDED.petitioner_id,
         previous_petitioner_id = EXCLUDED.previous_petitioner_id, confirmed_by = EXCLUDED.confirmed_by, confirmed_at = now()`,
      [petitionId, petitionerId, rows[0]?.petitionerId, confirmedBy],
    );
    await setPetitionerOf(client, petitionId, petitionerId);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function matchesOf(pool: Pool, petitionerId: string): Promise<PetitionerMatch[]> {
  const { rows } = await pool.query<PetitionerMatch>(
    `SELECT petition_id AS "petitionId", previous_petitioner_id AS "previousPetitionerId",
            confirmed_by AS "confirmedBy", confirmed_at AS "confirmedAt"
       FROM petitioner_matches WHERE petitioner_id = $1 ORDER BY confirmed_at`,
    [petitionerId],
  );
  return rows;
}

/** The events of several cases, as one timeline (oldest first), each naming its case. */
export async function timelineOfCases(
  pool: Pool,
  ids: readonly string[],
): Promise<Array<{ petitionId: string; sequence: number; type: string; at: string; actor: string | null }>> {
  if (ids.length === 0) return [];
  const { rows } = await pool.query(
    `SELECT petition_id AS "petitionId", sequence, type, occurred_at AS at, actor FROM petition_events
      WHERE petition_id = ANY($1) ORDER BY occurred_at, petition_id, sequence LIMIT 5000`,
    [ids],
  );
  return rows;
}
