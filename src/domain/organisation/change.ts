import type { Pool, PoolClient } from 'pg';
import { lockOrganisation, readOrganisation, writeOrganisationRows } from '../../db/organisation-store';
import { inTransaction } from '../../db/transaction';
import { fileOfRows } from './export';
import type { OrganisationFile, UnitEntry, UserEntry } from './file-format';
import { knownRuleSetIds } from './parse';
import { type OrganisationPlan, planImport, rowsOfFile, rowsToWrite } from './plan';
import { checkOrganisation, type FileIssue } from './validate';

/** One change to the stored organisation, as an admin makes it: a unit or user written whole, or deactivated. */
export type OrganisationChange =
  | { type: 'put-unit'; unit: UnitEntry }
  | { type: 'put-user'; user: UserEntry }
  | { type: 'deactivate-unit'; id: string }
  | { type: 'deactivate-user'; login: string };

export type ChangeResult =
  { ok: true; plan: OrganisationPlan } | { ok: false; issues: FileIssue[]; notFound?: boolean };

/**
 * Applies one change with the same rules as a file import: the stored organisation, changed, must pass every
 * check of validate.ts; then only the rows that differ are written. The plan says what changed, before → after
 * (what an audit record keeps). Under the import's lock, so it never interleaves with an import.
 */
export async function applyOrganisationChange(
  pool: Pool,
  change: OrganisationChange,
  /** Runs on the change's transaction once the rows are written (the admin API's audit rows). */
  onApplied?: (client: PoolClient, plan: OrganisationPlan) => Promise<void>,
): Promise<ChangeResult> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, async () => {
      await lockOrganisation(client);
      const stored = await readOrganisation(client);
      const file = fileOfRows(stored);
      // What the stored organisation already breaks (rows written outside an import, say) is not this
      // change's doing: only the issues the change adds refuse it.
      const existing = new Set(checkOrganisation(file, knownRuleSetIds()).map(issueKey));
      const applied = applyTo(file, change);
      if (!applied)
        return {
          ok: false as const,
          notFound: true,
          issues: [{ path: [], message: 'no such unit or user' }],
        };
      const issues = checkOrganisation(file, knownRuleSetIds()).filter((i) => !existing.has(issueKey(i)));
      if (issues.length > 0) return { ok: false as const, issues };
      const plan = planImport(stored, rowsOfFile(file));
      await writeOrganisationRows(client, rowsToWrite(plan));
      await onApplied?.(client, plan);
      return { ok: true as const, plan };
    });
  } finally {
    client.release();
  }
}

const issueKey = (issue: FileIssue) => `${issue.path.join('.')}: ${issue.message}`;

/** The file with the change made; false when it deactivates something that is not there. */
function applyTo(file: OrganisationFile, change: OrganisationChange): boolean {
  const put = <T>(list: T[], entry: T, same: (other: T) => boolean) => {
    const at = list.findIndex(same);
    if (at >= 0) list[at] = entry;
    else list.push(entry);
    return true;
  };
  switch (change.type) {
    case 'put-unit':
      return put(file.units, change.unit, (u) => u.id === change.unit.id);
    case 'put-user':
      return put(file.users, change.user, (u) => u.login === change.user.login);
    case 'deactivate-unit': {
      const unit = file.units.find((u) => u.id === change.id);
      if (unit) unit.active = false;
      return unit !== undefined;
    }
    case 'deactivate-user': {
      const user = file.users.find((u) => u.login === change.login);
      if (user) user.active = false;
      return user !== undefined;
    }
  }
}
