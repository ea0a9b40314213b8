import type { Pool } from 'pg';
import { loadAddedOfficialYears, loadReleasedRuleSets } from '../rules';
import { readRulebook } from './rulebook';

/** How long a starting process waits for its first load of the store. */
const READY_WAIT_MS = 5_000;

export interface RulebookLoad {
  /** Official years added to the store. */
  years: number;
  /** Rule-set versions released to the store and loaded. */
  releases: number;
  /** Releases this process could not load (named with the reason). */
  refused: string[];
}

/**
 * Loads the rules data of the store into this process: the added official years into the calendar and the
 * released versions beside the built-in ones (whatever was loaded before and is no longer stored is dropped).
 * Every API and worker process runs it at start, now and then, and a re-plan runs it first.
 */
export async function loadStoredRulebook(pool: Pool): Promise<RulebookLoad> {
  const { years, releases } = await readRulebook(pool);
  loadAddedOfficialYears(years);
  const { loaded, refused } = loadReleasedRuleSets(releases);
  return { years: years.length, releases: loaded.length, refused };
}

/**
 * Loads the store now and every `intervalMs` after (a failure is logged and tried again next time: the
 * process goes on with what it has). Returns a stop function.
 */
export function scheduleRulebookRefresh(
  pool: Pool,
  log: { warn(details: object, message: string): void },
  intervalMs: number,
): { ready: Promise<void>; stop(): void } {
  const refresh = () =>
    loadStoredRulebook(pool).then(
      ({ refused }) => {
        if (refused.length > 0) log.warn({ refused }, 'rule-set releases not loaded');
      },
      (err: unknown) => log.warn({ err }, 'rules data not refreshed from the store'),
    );
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  // A process does not wait long on a database that does not answer: it starts, and the next refresh loads.
  const ready = Promise.race([
    refresh(),
    new Promise<void>((resolve) => setTimeout(resolve, READY_WAIT_MS).unref()),
  ]);
  return { ready, stop: () => clearInterval(timer) };
}
