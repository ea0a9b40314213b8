import fs from 'node:fs';

export interface RequestTally {
  requests: number;
  /** Responses by status class: '2xx', '4xx', '5xx', … */
  byClass: Record<string, number>;
  /** The method, URL and status of every 5xx answer, as the API logged it. */
  serverErrors: string[];
}

/**
 * The API's own count of what it answered, from its request log (pino-http's JSON lines, one per
 * response): a check of the fuzzer's figures from the server's side.
 */
export function tallyRequests(logFile: string): RequestTally {
  const tally: RequestTally = { requests: 0, byClass: {}, serverErrors: [] };
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: { req?: { method?: string; url?: string }; res?: { statusCode?: number } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    const status = entry.res?.statusCode;
    if (typeof status !== 'number' || !entry.req) continue;
    tally.requests++;
    const statusClass = `${Math.floor(status / 100)}xx`;
    tally.byClass[statusClass] = (tally.byClass[statusClass] ?? 0) + 1;
    if (status >= 500) tally.serverErrors.push(`${status} ${entry.req.method} ${entry.req.url}`);
  }
  return tally;
}
