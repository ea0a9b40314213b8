/* eslint-disable no-restricted-globals -- the one place workflow code reads the clock: inside the
   workflow sandbox Date is the deterministic workflow clock (the time of the current workflow task). */

export function nowMs(): number {
  return Date.now();
}

export function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

export function dateOf(iso: string): Date {
  return new Date(iso);
}
