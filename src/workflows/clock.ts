/* eslint-disable no-restricted-globals -- the one place workflow code reads the clock: inside the
   workflow sandbox Date is the deterministic workflow clock (the time of the current workflow task). */
// The rules' pure date module only (not src/rules/index, which loads the calendar data).
import { toShanghaiDate } from '../rules/dates';

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

/** Today's calendar date in Asia/Shanghai, on the workflow clock. */
export function todayInShanghai(): string {
  return toShanghaiDate(new Date(Date.now()));
}

/** The Asia/Shanghai calendar date of an instant given in milliseconds. */
export function shanghaiDateAt(ms: number): string {
  return toShanghaiDate(new Date(ms));
}
