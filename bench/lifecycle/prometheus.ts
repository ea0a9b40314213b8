/** One sample of a Prometheus text exposition: its metric name, labels and value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads a `/metrics` page; empty when it does not answer (the figures that need it are then left out). */
export async function scrape(url: string): Promise<Sample[]> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return parse(await response.text());
  } catch {
    return [];
  }
}

const LINE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .flatMap((line) => {
      const match = LINE.exec(line);
      if (!match) return [];
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map((m) => [m[1]!, m[2]!]));
      return [{ name: match[1]!, labels, value: Number(match[3]) }];
    });
}

/**
 * A histogram's sum and count between two scrapes, over the series whose labels match `where`, grouped by
 * the value of the label `by` (one group '' without it).
 */
export function histogramDelta(
  before: Sample[],
  after: Sample[],
  name: string,
  where: Record<string, string> = {},
  by?: string,
): Map<string, { sum: number; count: number }> {
  const total = (samples: Sample[], suffix: string) => {
    const groups = new Map<string, number>();
    for (const s of samples) {
      if (s.name !== `${name}${suffix}`) continue;
      if (!Object.entries(where).every(([k, v]) => s.labels[k] === v)) continue;
      const group = by ? (s.labels[by] ?? '') : '';
      groups.set(group, (groups.get(group) ?? 0) + s.value);
    }
    return groups;
  };
  const [sum0, sum1, count0, count1] = [
    total(before, '_sum'),
    total(after, '_sum'),
    total(before, '_count'),
    total(after, '_count'),
  ];
  const result = new Map<string, { sum: number; count: number }>();
  for (const [group, sum] of sum1) {
    const count = (count1.get(group) ?? 0) - (count0.get(group) ?? 0);
    if (count > 0) result.set(group, { sum: sum - (sum0.get(group) ?? 0), count });
  }
  return result;
}
