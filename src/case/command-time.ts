/** How far a command's request time may lie from the workflow clock and still be taken as its time. */
export const REQUEST_TIME_TOLERANCE_MS = 10 * 60_000;

/**
 * The time of a command (its events' `at`, its "today"): when the API sent it, if that lies within ten
 * minutes of the workflow clock, else the workflow clock; never before the case's latest event (`latest`,
 * ISO, '' for none). The request's time is the same whichever workflow task applies the command, whereas the
 * workflow clock is not: a worker may apply an Update in a speculative task that the server then loses (a
 * temporal-server restart) while history records it in a later task, at a later time, and the read model
 * would keep the first times while every replay computes the second. Far off means a case that could not be
 * reached for long, or a time-skipping test server: then the workflow clock.
 */
export function commandTime(requestedAt: string | undefined, nowMs: number, latest: string): string {
  const requestedMs = requestedAt === undefined ? Number.NaN : Date.parse(requestedAt);
  const plausible = Math.abs(requestedMs - nowMs) <= REQUEST_TIME_TOLERANCE_MS;
  const at = new Date(plausible ? requestedMs : nowMs).toISOString();
  return at > latest ? at : latest;
}
