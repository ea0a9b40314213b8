import type { Pool } from 'pg';
import {
  lockOrganisation,
  type OrganisationRows,
  readOrganisation,
  writeOrganisationRows,
} from '../../db/organisation-store';
import { inTransaction } from '../../db/transaction';
import type { OrganisationFile } from './file-format';
import { type FileError, parseOrganisationFile } from './parse';
import { type OrganisationPlan, planImport, planIsEmpty, rowsOfFile, rowsToWrite } from './plan';

export type ImportResult =
  | { ok: false; errors: FileError[] }
  | { ok: true; plan: OrganisationPlan; applied: boolean; counts: { units: number; users: number } };

/**
 * `org import`: the whole file checked first (nothing is written when anything is wrong), then compared with
 * what is stored, then — unless a dry run — the difference written in one transaction. The comparison runs
 * inside that transaction, under a lock, so two imports at once cannot interleave.
 */
export async function importOrganisationText(
  pool: Pool,
  text: string,
  options: { dryRun?: boolean } = {},
): Promise<ImportResult> {
  const parsed = parseOrganisationFile(text);
  if (!parsed.ok) return parsed;
  return importOrganisation(pool, parsed.file, options);
}

export async function importOrganisation(
  pool: Pool,
  file: OrganisationFile,
  options: { dryRun?: boolean } = {},
): Promise<Extract<ImportResult, { ok: true }>> {
  const wanted = rowsOfFile(file);
  const counts = { units: wanted.units.length, users: wanted.users.length };
  const client = await pool.connect();
  try {
    return await inTransaction(client, async () => {
      await lockOrganisation(client);
      const plan = planImport(await readOrganisation(client), wanted);
      const apply = !options.dryRun && !planIsEmpty(plan);
      if (apply) await writeOrganisationRows(client, rowsToWrite(plan));
      return { ok: true as const, plan, applied: apply, counts };
    });
  } finally {
    client.release();
  }
}

export type { OrganisationRows };
