import type { Pool } from 'pg';
import { BENCH_PREFIX } from './organisation';

/** Removes what an earlier run left in a given database (DATABASE_URL), children before parents. */
export async function removeBenchData(pool: Pool) {
  const client = await pool.connect();
  try {
    await client.query('SET statement_timeout = 0');
    for (const [table, column] of BENCH_ROWS) {
      await client.query(`DELETE FROM ${table} WHERE ${column} LIKE $1`, [`${BENCH_PREFIX}%`]);
    }
  } finally {
    await client.query('RESET statement_timeout').catch(() => undefined);
    client.release();
  }
}

const BENCH_ROWS = [
  ['backlog_progress', 'entry_id'],
  ['backlog_entry_cases', 'entry_id'],
  ['backlog_entries', 'id'],
  ['backlog_campaigns', 'id'],
  ['screening_outcomes', 'dispute_id'],
  ['screening_disputes', 'id'],
  ['screening_rounds', 'id'],
  ['case_instructions', 'id'],
  ['visits', 'id'],
  ['reception_sessions', 'id'],
  ['supervision_items', 'petition_id'],
  ['report_acts', 'petition_id'],
  ['report_cases', 'petition_id'],
  ['petitions', 'id'],
  ['users', 'login'],
  ['units', 'id'],
  ['regions', 'id'],
] as const;

/** Other cases would change what is measured, and a database that holds them is no place for a million more. */
export async function assertNoOtherCases(pool: Pool) {
  const { rowCount } = await pool.query('SELECT 1 FROM petitions WHERE id NOT LIKE $1 LIMIT 1', [
    `${BENCH_PREFIX}%`,
  ]);
  if (rowCount)
    throw new Error('The database holds cases of its own: point DATABASE_URL at an empty database');
}
