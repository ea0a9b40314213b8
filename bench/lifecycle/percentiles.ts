/** p50, p95 and p99 (nearest rank) of a sample, in its unit; zeros for an empty one. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  count: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { p50: rank(50), p95: rank(95), p99: rank(99), count: sorted.length };
}

export const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
