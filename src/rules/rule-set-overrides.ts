import { DEADLINE_KEYS } from './deadline-keys';

/**
 * A provincial rule set is stored as the national one plus what its text changes: plain objects merge key by
 * key, arrays and scalars replace, and `deadlines` merge by `key` (a new key adds a deadline, which must then
 * be complete). The result is validated as a whole, so an override cannot produce a rule set the schema
 * would refuse.
 */

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: PlainObject = { ...base };
  for (const [field, value] of Object.entries(override)) merged[field] = deepMerge(base[field], value);
  return merged;
}

function deadlineKeyOf(entry: unknown): unknown {
  return isPlainObject(entry) ? entry.key : undefined;
}

function canonicalPosition(key: unknown): number {
  const index = (DEADLINE_KEYS as readonly unknown[]).indexOf(key);
  return index === -1 ? DEADLINE_KEYS.length : index;
}

function mergeDeadlines(base: unknown, override: unknown): unknown {
  if (!Array.isArray(base) || !Array.isArray(override)) return override ?? base;
  const merged = [...base];
  for (const entry of override) {
    const index = merged.findIndex((existing) => deadlineKeyOf(existing) === deadlineKeyOf(entry));
    if (index === -1) merged.push(entry);
    else merged[index] = deepMerge(merged[index], entry);
  }
  // Keep the deadlines in the order of the procedure, so an added one sits beside its neighbours.
  return merged.sort((a, b) => canonicalPosition(deadlineKeyOf(a)) - canonicalPosition(deadlineKeyOf(b)));
}

/** Applies a raw override onto a raw (or already parsed) base rule set; returns raw data to validate. */
export function applyOverride(base: PlainObject, override: PlainObject): PlainObject {
  const { deadlines, ...rest } = override;
  const merged = deepMerge(base, rest) as PlainObject;
  merged.deadlines = mergeDeadlines(base.deadlines, deadlines);
  return merged;
}

export function isOverride(raw: unknown): raw is PlainObject & { extends: string } {
  return isPlainObject(raw) && typeof raw.extends === 'string';
}
