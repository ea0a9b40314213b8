import { yearEarlierDate } from '../../domain/reports/earlier-periods';
import { addDays, daysBetween } from '../../rules/dates';
import type { DemoApi } from './api-client';
import { planCase } from './case-plan';
import { driveCase, TALLY_KEYS, type Tally } from './drive-case';

/** One case in four of the run is also received a year earlier: enough for 同比 to compare something. */
const SHARE = 4;
/** Their plans come from another seed, so that their petitioners are others (no repeat of this year's). */
const SEED_OFFSET = 500;
/**
 * Received within the month up to the same day a year earlier: what the dashboard's quarter and the run's own
 * report compare with, and nothing further back, where fixed past periods hold other data of a shared database.
 */
const EARLIER_SPREAD_DAYS = 30;

export interface EarlierYearOptions {
  api: DemoApi;
  cases: number;
  seed: number;
  today: string;
  concurrency: number;
  say: (message: string) => void;
}

/**
 * Cases received over the same days a year earlier, each replied to (none left open for a year), through
 * the API as the run's own: so that the reports' 同比 and the briefing's 「比去年同期…」 compare something on
 * a fresh machine. Their Idempotency-Keys carry the earlier date: a re-run the same day adds none.
 */
export async function fillEarlierYear(options: EarlierYearOptions): Promise<string[]> {
  const lastYear = yearEarlierDate(options.today);
  const seed = options.seed + SEED_OFFSET;
  const tally = Object.fromEntries(TALLY_KEYS.map((key) => [key, 0])) as Tally;
  const ctx = {
    api: options.api,
    tally,
    keyOf: (plan: { index: number }, step: string) => `demo-${seed}-${lastYear}-${plan.index}-${step}`,
    registered: async () => undefined,
  };
  const failures: string[] = [];
  const total = Math.ceil(options.cases / SHARE);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const { repeatOf: _repeat, ...drawn } = planCase(seed, next++, lastYear);
      const daysAgo = daysBetween(drawn.receivedOn, lastYear) % EARLIER_SPREAD_DAYS;
      const plan = { ...drawn, receivedOn: addDays(lastYear, -daysAgo) };
      // A year on, a case has long been replied to (a withdrawal or an unrouted case may stay as drawn).
      const fate = ['accepted', 'transferred'].includes(plan.fate) ? 'replied' : plan.fate;
      try {
        await driveCase({ ...plan, fate }, ctx, () => {});
      } catch (err) {
        tally.failed++;
        failures.push(
          `case ${plan.index} of a year earlier: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, total) }, worker));
  options.say(`${tally.registered} cases received a year earlier (for 同比), ${tally.replied} replied`);
  return failures;
}
