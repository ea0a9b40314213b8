import type { Pool } from 'pg';
import type { OfficialYearFile } from '../rules';

/** The rules data released after the build: official calendar years and rule-set versions (migration 14). */
export interface StoredRulebook {
  /** Official years as their files, oldest year first. */
  years: unknown[];
  /** Rule-set version files as released, in release order. */
  releases: unknown[];
}

export async function readRulebook(pool: Pool): Promise<StoredRulebook> {
  const [years, releases] = await Promise.all([
    pool.query<{ data: unknown }>('SELECT data FROM official_calendar_years ORDER BY year'),
    pool.query<{ data: unknown }>('SELECT data FROM rule_set_releases ORDER BY release'),
  ]);
  return { years: years.rows.map((r) => r.data), releases: releases.rows.map((r) => r.data) };
}

/** Stores a checked official year; false when the year is already stored (a concurrent add). */
export async function insertOfficialYear(
  pool: Pool,
  file: OfficialYearFile,
  addedBy: string,
): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO official_calendar_years (year, data, added_by) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING`,
    [file.year, JSON.stringify(file), addedBy],
  );
  return rowCount === 1;
}

/** Stores a checked rule-set version file as written; false when that version is already stored. */
export async function insertRuleSetRelease(
  pool: Pool,
  release: { id: string; version: string; raw: unknown },
  addedBy: string,
): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO rule_set_releases (id, version, data, added_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id, version) DO NOTHING`,
    [release.id, release.version, JSON.stringify(release.raw), addedBy],
  );
  return rowCount === 1;
}

/** Running cases and their folded state, as the read model holds them (for a re-plan's selection). */
export async function runningCaseStates(
  pool: Pool,
  ruleSetId?: string,
): Promise<Array<{ petitionId: string; caseState: unknown }>> {
  const { rows } = await pool.query<{ id: string; case_state: unknown }>(
    `SELECT id, case_state FROM petitions
      WHERE status <> 'closed' AND case_state IS NOT NULL AND ($1::text IS NULL OR rule_set_id = $1)
      ORDER BY id`,
    [ruleSetId ?? null],
  );
  return rows.map((row) => ({ petitionId: row.id, caseState: row.case_state }));
}
