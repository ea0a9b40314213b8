import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { insertRuleSetRelease } from '../../db/rulebook';
import { loadStoredRulebook } from '../../db/rulebook-load';
import {
  compareVersions,
  getRuleSet,
  listRuleSetVersions,
  parseRuleSet,
  RuleSetValidationError,
  type RuleSet,
} from '../../rules';
import { replanRunningCases, type ReplanReport } from './replan-cases';

/**
 * `rules release`: checks a rule-set version file (complete, or `extends: "id@version"`) against the versions
 * every process loads (built in and released), refuses a broken file or a version not newer than the latest
 * loaded (RuleSetValidationError, nothing changed), and stores it: processes load it, new cases pin it. A
 * version whose transitional provision applies to running cases has every running case of that rule set
 * pinned to an older version re-plan onto it.
 */
export async function releaseRuleSet(
  pool: Pool,
  client: Client,
  raw: unknown,
  addedBy: string,
): Promise<{ ruleSet: RuleSet; replan?: ReplanReport }> {
  await loadStoredRulebook(pool);
  const ruleSet = parseRuleSet(raw);
  const latest = listRuleSetVersions(ruleSet.id).at(-1);
  if (latest && compareVersions(ruleSet.version, latest.version) <= 0) {
    throw new RuleSetValidationError(ruleSet.id, [
      `version: ${ruleSet.version} is not newer than the loaded ${latest.version} (a released version never changes)`,
    ]);
  }
  if (!(await insertRuleSetRelease(pool, { id: ruleSet.id, version: ruleSet.version, raw }, addedBy))) {
    throw new RuleSetValidationError(ruleSet.id, [`version: ${ruleSet.version} is already released`]);
  }
  await loadStoredRulebook(pool);
  const released = getRuleSet(ruleSet.id, ruleSet.version);
  if (!released.transitional?.appliesToRunningCases) return { ruleSet: released };
  const replan = await replanRunningCases(
    pool,
    client,
    { ruleSetId: released.id, ruleSetVersion: released.version },
    { ruleSetVersion: released.version, citation: released.transitional.citation, requestedBy: addedBy },
  );
  return { ruleSet: released, replan };
}
