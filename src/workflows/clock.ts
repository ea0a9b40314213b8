/* eslint-disable no-restricted-globals -- the one place workflow code reads the clock: inside the
   workflow sandbox Date is the deterministic workflow clock (the time of the current workflow task). */
// The rules' pure date module only (not src/rules/index, which loads the calendar data).
import { instantMs, shanghaiDateAt, toShanghaiDate } from '../rules/dates';

export { instantMs, shanghaiDateAt };

export function nowMs(): number {
  return Date.now();
}

export function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

export function dateOf(iso: string): Date {
  return new Date(iso);
}

/** Today's calendar date in Asia/Shanghai, on the workflow clock. */
export function todayInShanghai(): string {
  return toShanghaiDate(new Date(Date.now()));
}
