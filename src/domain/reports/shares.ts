/**
 * Percentages of a whole that add up to exactly 100.0 when shown with one decimal: each share is floored to
 * a tenth of a percent, and the tenths still missing go to the largest remainders (ties: the larger count,
 * then the earlier item) — the largest-remainder method.
 */
export function sharesOf(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  // Integers throughout: equal remainders must compare equal.
  const tenths = counts.map((n) => Math.floor((n * 1000) / total));
  const remainders = counts.map((n, i) => n * 1000 - tenths[i]! * total);
  let missing = 1000 - tenths.reduce((a, b) => a + b, 0);
  const order = counts
    .map((count, i) => ({ i, count, remainder: remainders[i]! }))
    .sort((a, b) => b.remainder - a.remainder || b.count - a.count || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    tenths[i]! += 1;
    missing--;
  }
  return tenths.map((t) => t / 10);
}

/** A rate in percent with one decimal (half up), or null when nothing was due: "no data", not 0 %. */
export function percent(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator * 1000) / denominator) / 10;
}
