import { describeIssues, fieldOf } from './issue-paths';
import { RuleSetValidationError, UnknownRuleSetError, UnknownDeadlineError } from './errors';
import { ruleSetSchema, type DeadlineRule, type RuleSet } from './rule-set-schema';
import { applyOverride, isOverride } from './rule-set-overrides';
import { DEADLINE_KEYS, isDeadlineKey, type DeadlineKey } from './deadline-keys';
import { BUILT_IN_RULE_SET_FILES } from './rule-sets';
import { compareVersions } from './versions';

export { compareVersions };

export const DEFAULT_RULE_SET_ID = 'national-2022';

/** Every loaded version of each rule set, oldest first. */
const registry = new Map<string, RuleSet[]>();

/** 'deadlines.3.length' reads better as 'deadlines[handle].length'. */
const deadlineKeyOf = (element: unknown, pathSoFar: string) =>
  pathSoFar.endsWith('deadlines') ? fieldOf(element, 'key') : undefined;

function idOf(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : '(no id)';
}

/** Rule sets are JSON data; a JSON round trip copies them without relying on structuredClone (absent in some sandboxes). */
function jsonCopy(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Validates a rule set, either complete or as an override of a registered one (`extends`), and returns it
 * frozen. Throws RuleSetValidationError naming each offending field path.
 */
export function parseRuleSet(raw: unknown): RuleSet {
  let candidate = raw;
  if (isOverride(raw)) {
    const base = findBase(raw.extends);
    if (!base) {
      throw new RuleSetValidationError(idOf(raw), [`extends: no registered rule set '${raw.extends}'`]);
    }
    // A transitional provision belongs to the version that declares it, not to the versions built on it.
    const { transitional: _inherited, ...baseData } = jsonCopy(base);
    candidate = applyOverride(baseData, jsonCopy(raw));
  }
  const result = ruleSetSchema.safeParse(candidate);
  if (!result.success) {
    throw new RuleSetValidationError(
      idOf(candidate),
      describeIssues(result.error.issues, candidate, deadlineKeyOf),
    );
  }
  return deepFreeze(result.data);
}

/** `national-2022@1.3.0` names one version; a bare id the latest loaded. */
function findBase(reference: string): RuleSet | undefined {
  const [id = '', version] = reference.split('@');
  const versions = registry.get(id);
  return version === undefined ? versions?.at(-1) : versions?.find((v) => v.version === version);
}

/**
 * Loads a version of a rule set beside the ones already loaded. The same version again is a no-op when its
 * content is the same (so every process can load the released versions at start); a different content under
 * a loaded version, or a version not newer than the latest loaded, is refused: a released version never
 * changes, and a case pins the version it started with.
 */
export function registerRuleSet(raw: unknown): RuleSet {
  const ruleSet = parseRuleSet(raw);
  const versions = registry.get(ruleSet.id) ?? [];
  const same = versions.find((v) => v.version === ruleSet.version);
  if (same) {
    if (JSON.stringify(same) === JSON.stringify(ruleSet)) return same;
    throw new RuleSetValidationError(ruleSet.id, [
      `version: ${ruleSet.version} is already loaded with other content (a released version never changes)`,
    ]);
  }
  const latest = versions.at(-1);
  if (latest && compareVersions(ruleSet.version, latest.version) < 0) {
    throw new RuleSetValidationError(ruleSet.id, [
      `version: ${ruleSet.version} is older than the loaded ${latest.version}`,
    ]);
  }
  registry.set(ruleSet.id, [...versions, ruleSet]);
  return ruleSet;
}

// A built-in rule set that fails validation stops the module from loading: better than computing with it.
BUILT_IN_RULE_SET_FILES.forEach(registerRuleSet);

/**
 * The versions released after the build (the rulebook store), loaded beside the built-in files: the registry
 * becomes the built-in versions plus these, in release order, so a release removed from the store is gone
 * too. A release that no longer loads (say, it extends a version this build lacks) is skipped and named in the
 * answer; the others load. Returns the versions loaded and the refusals.
 */
export function loadReleasedRuleSets(raws: readonly unknown[]): { loaded: RuleSet[]; refused: string[] } {
  const previous = new Map(registry);
  registry.clear();
  try {
    BUILT_IN_RULE_SET_FILES.forEach(registerRuleSet);
  } catch (err) {
    registry.clear();
    previous.forEach((versions, id) => registry.set(id, versions));
    throw err;
  }
  const loaded: RuleSet[] = [];
  const refused: string[] = [];
  for (const raw of raws) {
    try {
      loaded.push(registerRuleSet(raw));
    } catch (err) {
      if (!(err instanceof RuleSetValidationError)) throw err;
      refused.push(err.message);
    }
  }
  // Keep the very objects already handed out for unchanged versions (cheap equality for callers).
  for (const [id, versions] of registry) {
    const before = previous.get(id) ?? [];
    registry.set(
      id,
      versions.map(
        (v) => before.find((b) => b.version === v.version && JSON.stringify(b) === JSON.stringify(v)) ?? v,
      ),
    );
  }
  return { loaded, refused };
}

/** A rule set by id: the version a case pinned, or (no version) the latest, which new cases pin. */
export function getRuleSet(id: string, version?: string): RuleSet {
  const versions = registry.get(id);
  if (!versions) throw new UnknownRuleSetError(id, [...registry.keys()]);
  if (version === undefined) return versions.at(-1)!;
  const pinned = versions.find((v) => v.version === version);
  if (!pinned) {
    throw new UnknownRuleSetError(
      `${id}@${version}`,
      versions.map((v) => `${id}@${v.version}`),
    );
  }
  return pinned;
}

/** The latest version of every rule set. */
export function listRuleSets(): RuleSet[] {
  return [...registry.values()].map((versions) => versions.at(-1)!);
}

/** Every loaded version of a rule set, oldest first (none for an unknown id). */
export function listRuleSetVersions(id: string): RuleSet[] {
  return [...(registry.get(id) ?? [])];
}

/** The rule for a key in a rule set; UnknownDeadlineError when the key is unknown or the set lacks it. */
export function getDeadlineRule(ruleSet: RuleSet, key: string): DeadlineRule {
  if (!isDeadlineKey(key)) {
    throw new UnknownDeadlineError(key, `unknown deadline '${key}' (known: ${DEADLINE_KEYS.join(', ')})`);
  }
  const rule = ruleSet.deadlines.find((deadline) => deadline.key === key);
  if (!rule) {
    const definedIn = listRuleSets()
      .filter((other) => other.deadlines.some((deadline) => deadline.key === key))
      .map((other) => other.id);
    throw new UnknownDeadlineError(
      key,
      `rule set ${ruleSet.id} has no deadline '${key}'` +
        (definedIn.length > 0 ? ` (defined in: ${definedIn.join(', ')})` : ''),
    );
  }
  return rule;
}

export function deadlineKeysOf(ruleSet: RuleSet): DeadlineKey[] {
  return ruleSet.deadlines.map((deadline) => deadline.key);
}
