import { describeIssues, fieldOf } from './issue-paths';
import { RuleSetValidationError, UnknownRuleSetError, UnknownDeadlineError } from './errors';
import { ruleSetSchema, type DeadlineRule, type RuleSet } from './rule-set-schema';
import { applyOverride, isOverride } from './rule-set-overrides';
import { DEADLINE_KEYS, isDeadlineKey, type DeadlineKey } from './deadline-keys';
import national2022 from './rule-sets/national-2022.json';
import zhejiang2016 from './rule-sets/zhejiang-2016.json';
import shandong2015 from './rule-sets/shandong-2015.json';
import beijing2006 from './rule-sets/beijing-2006.json';
import shanghai2012 from './rule-sets/shanghai-2012.json';
import henan2012 from './rule-sets/henan-2012.json';

export const DEFAULT_RULE_SET_ID = 'national-2022';

/** Bases must come before the sets that extend them. */
const BUILT_IN_RULE_SETS: readonly unknown[] = [
  national2022,
  zhejiang2016,
  shandong2015,
  beijing2006,
  shanghai2012,
  henan2012,
];

const registry = new Map<string, RuleSet>();

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
    const base = registry.get(raw.extends);
    if (!base) {
      throw new RuleSetValidationError(idOf(raw), [`extends: no registered rule set '${raw.extends}'`]);
    }
    candidate = applyOverride(jsonCopy(base), jsonCopy(raw));
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

function register(raw: unknown): void {
  const ruleSet = parseRuleSet(raw);
  if (registry.has(ruleSet.id)) throw new RuleSetValidationError(ruleSet.id, ['id: registered twice']);
  registry.set(ruleSet.id, ruleSet);
}

// A built-in rule set that fails validation stops the module from loading: better than computing with it.
BUILT_IN_RULE_SETS.forEach(register);

export function getRuleSet(id: string): RuleSet {
  const ruleSet = registry.get(id);
  if (!ruleSet) throw new UnknownRuleSetError(id, [...registry.keys()]);
  return ruleSet;
}

export function listRuleSets(): RuleSet[] {
  return [...registry.values()];
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
