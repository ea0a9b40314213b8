import type { EarlierKind } from './earlier-periods';

/**
 * 环比 and 同比 for every figure of a report, found by walking its data, so that a figure added later is
 * compared without more code. A number is a count, compared in percent of the earlier count; a share (a key
 * `share` or ending in `Share`) and a rate (`{rate, numerator, denominator}`) are percentages, compared in
 * percentage points. Lists are compared row by row when the report names the field that identifies a row.
 */
export interface ComparisonSpec {
  /** Paths (dot-separated from the report's data; a list's rows add no index) of figures as the cases stand now. */
  standsNow?: readonly string[];
  /** The field that identifies a row of a list (`key`, `unitId`); lists without one are not compared. */
  rowKey?: string;
  /** Paths of numbers that are no figure (a rank). */
  skip?: readonly string[];
}

/** An earlier figure: its value and the change to it; `noData` when there was nothing to compare with. */
export interface EarlierFigure {
  value: number | null;
  /** Counts: the change in percent of the earlier count (one decimal). */
  changePercent?: number | null;
  /** Rates and shares: the change in percentage points (one decimal). */
  changePoints?: number | null;
  /** The earlier figure is none (no count to divide by, or a rate with nothing due) or the current one is. */
  noData?: true;
}

export interface ComparedFigure {
  value: number | null;
  previousPeriod: EarlierFigure;
  previousYear: EarlierFigure;
}

/** A figure as the cases stand now, whatever the period: the same in any earlier report, so not compared. */
export interface StandingFigure {
  value: number | null;
  standsNow: true;
}

export type EarlierData = Record<EarlierKind, unknown>;

/** Rounds to one decimal, halves away from zero (so that a rise and a fall of the same size read alike). */
const oneDecimal = (x: number) => {
  const rounded = (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;
  return rounded === 0 ? 0 : rounded;
};

/** The change of a count in percent of the earlier one; null when the earlier had none (no division by 0). */
export function changePercent(current: number | null, earlier: number | null): number | null {
  if (current === null || earlier === null || earlier === 0) return null;
  return oneDecimal(((current - earlier) * 100) / earlier);
}

/** The change of a rate or share in percentage points; null when either has no value. */
export function changePoints(current: number | null, earlier: number | null): number | null {
  if (current === null || earlier === null) return null;
  return oneDecimal(current - earlier);
}

type Unit = 'percent' | 'points';

function earlierFigure(current: number | null, earlier: unknown, unit: Unit): EarlierFigure {
  const value = typeof earlier === 'number' ? earlier : null;
  const change = unit === 'percent' ? changePercent(current, value) : changePoints(current, value);
  const field = unit === 'percent' ? 'changePercent' : 'changePoints';
  return { value, [field]: change, ...(change === null ? { noData: true as const } : {}) };
}

function compared(current: number | null, earlier: Partial<EarlierData>, unit: Unit): ComparedFigure {
  return {
    value: current,
    previousPeriod: earlierFigure(current, earlier.previousPeriod, unit),
    previousYear: earlierFigure(current, earlier.previousYear, unit),
  };
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const isRate = (x: unknown): x is { rate: number | null } =>
  isRecord(x) && 'rate' in x && 'numerator' in x && 'denominator' in x;

const isShare = (key: string) => key === 'share' || key.endsWith('Share');

export const isComparedFigure = (x: unknown): x is ComparedFigure =>
  isRecord(x) && 'previousPeriod' in x && 'previousYear' in x;

export const isStandingFigure = (x: unknown): x is StandingFigure => isRecord(x) && x.standsNow === true;

/** The same step into each earlier report's data. */
const step = (earlier: Partial<EarlierData>, key: string | number): Partial<EarlierData> => {
  const into = (data: unknown) => (isRecord(data) || Array.isArray(data) ? (data as never)[key] : undefined);
  return { previousPeriod: into(earlier.previousPeriod), previousYear: into(earlier.previousYear) };
};

const under = (path: string, prefixes: readonly string[] | undefined) =>
  prefixes?.some((p) => path === p || path.startsWith(`${p}.`)) ?? false;

/** A figure that stands now, mirrored with the marker (lists of cases left out). */
function standing(current: unknown): unknown {
  if (typeof current === 'number') return { value: current, standsNow: true };
  if (isRate(current)) return { rate: { value: current.rate, standsNow: true } };
  if (!isRecord(current)) return undefined;
  return mirrorObject(current, (value) => standing(value));
}

function mirrorObject(current: Record<string, unknown>, each: (value: unknown, key: string) => unknown) {
  const entries = Object.entries(current)
    .map(([key, value]) => [key, each(value, key)] as const)
    .filter(([, value]) => value !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function walk(
  current: unknown,
  earlier: Partial<EarlierData>,
  path: string,
  key: string,
  spec: ComparisonSpec,
): unknown {
  if (under(path, spec.skip)) return undefined;
  if (under(path, spec.standsNow)) return standing(current);
  if (typeof current === 'number') return compared(current, earlier, isShare(key) ? 'points' : 'percent');
  if (isRate(current)) return { rate: compared(current.rate, step(earlier, 'rate'), 'points') };
  if (Array.isArray(current)) return spec.rowKey ? walkRows(current, earlier, path, spec) : undefined;
  if (!isRecord(current)) return undefined;
  return mirrorObject(current, (value, k) =>
    walk(value, step(earlier, k), path ? `${path}.${k}` : k, k, spec),
  );
}

/** Rows matched by their identity (a row the earlier report lacks compares with nothing: "no data"). */
function walkRows(rows: unknown[], earlier: Partial<EarlierData>, path: string, spec: ComparisonSpec) {
  const rowKey = spec.rowKey!;
  const rowOf = (data: unknown, id: unknown) =>
    Array.isArray(data) ? data.find((row) => isRecord(row) && row[rowKey] === id) : undefined;
  return rows.map((row) => {
    if (!isRecord(row)) return undefined;
    const id = row[rowKey];
    const match = {
      previousPeriod: rowOf(earlier.previousPeriod, id),
      previousYear: rowOf(earlier.previousYear, id),
    };
    const mirrored = walk(row, match, path, '', { ...spec, rowKey: undefined }) as object | undefined;
    return { [rowKey]: id, ...mirrored };
  });
}

/**
 * The report's data mirrored: each figure replaced by its comparison (`ComparedFigure`; a rate by
 * `{rate: ComparedFigure}`), each figure as the cases stand now by `StandingFigure`; text and lists of cases
 * left out. Earlier data null (a period before the calendar) compares as "no data".
 */
export function compareFigures(current: Record<string, unknown>, earlier: EarlierData, spec: ComparisonSpec) {
  return (walk(current, earlier, '', '', spec) ?? {}) as Record<string, unknown>;
}
