import { createHash } from 'node:crypto';

/** Numbers in [0, 1) from a seed: the same seed gives the same sequence, on every machine. */
export type Random = () => number;

/** A mulberry32 generator seeded from the hash of `parts` (e.g. the run's seed and a case's index). */
export function seededRandom(...parts: Array<string | number>): Random {
  let state = createHash('sha256').update(parts.join(':')).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `choices`, each as likely as its weight. */
export function weighted<T>(random: Random, choices: ReadonlyArray<readonly [T, number]>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random() * total;
  for (const [choice, weight] of choices) {
    point -= weight;
    if (point < 0) return choice;
  }
  return choices[choices.length - 1]![0];
}

/** A whole number from `min` to `max`, both included. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function oneOf<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** True with probability `p`. */
export const chance = (random: Random, p: number) => random() < p;
