import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { createPool } from '../../src/db/pool';
import type { Log } from '../../src/runtime/logger';
import { runLoad } from './load';
import { longAgo, type PetitionClient } from './petition-lifecycle';
import type { BenchStack } from './stack';

export interface StormFigures {
  cases: number;
  concurrency: number;
  /** From the first registration to the last one's answer. */
  registrationSeconds: number;
  /** From the first registration until every case's supervision notice (督办) is in PostgreSQL. */
  noticesSeconds: number;
  /** The same, from the last registration's answer. */
  afterLastRegistrationSeconds: number;
}

const POLL_MS = 200;
const TIMEOUT_MS = 15 * 60_000;

/**
 * The overdue storm: `cases` petitions received 40 days ago (their D1, 15 days, long past) registered
 * `concurrency` at a time, as the supervision ladder's fault test registers them. Each case's timer fires at
 * once and its notice goes to the unit that must act; timed until every notice is in PostgreSQL.
 */
export async function overdueStorm(
  api: PetitionClient,
  stack: BenchStack,
  cases: number,
  concurrency: number,
  log: Log,
): Promise<StormFigures> {
  const pool = createPool(stack.databaseUrl);
  try {
    log(`Overdue storm: ${cases} petitions received on ${longAgo()}…`);
    const run = `storm-${Date.now().toString(36)}`;
    const started = performance.now();
    const registered = await runLoad(
      {
        async run(index) {
          return api.register(longAgo(), `${run} ${index}`);
        },
      },
      { lifecycles: cases, concurrency, label: 'overdue storm, registrations' },
      log,
    );
    const registrationSeconds = (performance.now() - started) / 1000;
    const ids = registered.workflowIds;
    let lastReport = 0;
    for (;;) {
      const notices = await countNotices(pool, ids);
      const seconds = (performance.now() - started) / 1000;
      if (notices === cases) {
        const figures = {
          cases,
          concurrency,
          registrationSeconds,
          noticesSeconds: seconds,
          afterLastRegistrationSeconds: seconds - registrationSeconds,
        };
        log(
          `Overdue storm: ${cases} notices in PostgreSQL ${seconds.toFixed(1)} s after the first registration`,
        );
        return figures;
      }
      if (seconds * 1000 > TIMEOUT_MS)
        throw new Error(`only ${notices} of ${cases} notices after ${seconds} s`);
      if (seconds - lastReport >= 5) {
        lastReport = seconds;
        log(`overdue storm: ${notices}/${cases} notices in PostgreSQL`);
      }
      await sleep(POLL_MS);
    }
  } finally {
    await pool.end();
  }
}

/** How many of the cases have their supervision notice in the audit trail. */
async function countNotices(pool: Pool, ids: string[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(DISTINCT petition_id)::int AS n FROM petition_events
      WHERE petition_id = ANY($1) AND type = 'supervision-notice'`,
    [ids],
  );
  return rows[0]!.n;
}
