/* eslint-disable no-restricted-globals -- the one place workflow code reads the clock: inside the
   workflow sandbox Date is the deterministic workflow clock (the time of the current workflow task). */

export function nowMs(): number {
  return Date.now();
}

export function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

export function instantMs(iso: string): number {
  return new Date(iso).getTime();
}

export function dateOf(iso: string): Date {
  return new Date(iso);
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's calendar date in Asia/Shanghai (fixed +08:00; China has no daylight saving). */
export function todayInShanghai(): string {
  return new Date(Date.now() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
