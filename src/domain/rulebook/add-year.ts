import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { insertOfficialYear } from '../../db/rulebook';
import { loadStoredRulebook } from '../../db/rulebook-load';
import { CalendarDataError, calendarVersion, checkNewOfficialYear } from '../../rules';
import { replanRunningCases, type ReplanReport } from './replan-cases';

/**
 * `calendar add-year`: checks a year of the State Council's notice against the calendar as every process
 * loads it (package, repo file, store), stores it, and has every running case with an open provisional
 * deadline re-plan (each move a `deadline-recomputed` event naming the new calendar version). A refused file
 * (CalendarDataError) changes nothing.
 */
export async function addOfficialYear(
  pool: Pool,
  client: Client,
  raw: unknown,
  addedBy: string,
): Promise<{ year: number; calendarVersion: string; replan: ReplanReport }> {
  await loadStoredRulebook(pool);
  const file = checkNewOfficialYear(raw);
  if (!(await insertOfficialYear(pool, file, addedBy))) {
    throw new CalendarDataError(
      `the official schedule for ${file.year} is already loaded (from the rulebook store)`,
    );
  }
  await loadStoredRulebook(pool);
  const replan = await replanRunningCases(pool, client, {}, { requestedBy: addedBy });
  return { year: file.year, calendarVersion: calendarVersion(), replan };
}
