import type { PoolClient } from 'pg';
import { prepared } from '../prepared';
import type { CaseState } from '../../case';

/** The row's version (`xmin`), its fold and the writer that wrote it last. */
export interface StoredHead {
  version: string;
  case_state: CaseState | null;
  last_sequence: number;
  record_fence: number;
  record_attempt_at: Date | null;
}

export const HEAD_COLUMNS =
  'xmin::text AS version, case_state, last_sequence, record_fence, record_attempt_at';
const readHeadStatement = prepared<[string]>(
  'events-read-petition',
  `SELECT ${HEAD_COLUMNS} FROM petitions WHERE id = $1`,
);
const lockHeadStatement = prepared<[string]>(
  'events-lock-petition',
  `SELECT ${HEAD_COLUMNS} FROM petitions WHERE id = $1 FOR UPDATE`,
);

/** The row's head as it stands, without a lock (the fast path checks its version when it writes). */
export async function readHead(client: PoolClient, petitionId: string): Promise<StoredHead> {
  return headOf(await client.query<StoredHead>(readHeadStatement(petitionId)), petitionId);
}

/** The row's head, locked until the transaction ends. */
export async function lockHead(client: PoolClient, petitionId: string): Promise<StoredHead> {
  return headOf(await client.query<StoredHead>(lockHeadStatement(petitionId)), petitionId);
}

function headOf({ rows }: { rows: StoredHead[] }, petitionId: string): StoredHead {
  if (!rows[0]) throw new PetitionRowMissingError(petitionId);
  return rows[0];
}

/** The petition's row is gone (its registration was undone): waiting will not bring it back. */
export class PetitionRowMissingError extends Error {
  constructor(readonly petitionId: string) {
    super(`petition ${petitionId} has no row to record events in`);
  }
}
