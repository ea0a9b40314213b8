import type { Pool } from 'pg';
import type { Logger } from 'pino';
import {
  type ClaimedDelivery,
  claimDue,
  recordDelivered,
  recordFailure,
  recordSkipped,
  takeUpNotices,
} from '../../db/notice-deliveries';
import { type DeliveryChannel, errorText } from './channel';
import { noticeMessage } from './message';
import { createDeliveryMetrics } from './metrics';

/** How far back a round looks for new notices, and how often it looks back over NOTICE_MAX_AGE_HOURS. */
const RECENT_MS = 10 * 60_000;
const FULL_SCAN_EVERY_MS = 10 * 60_000;

export interface DispatcherOptions {
  pool: Pool;
  channels: DeliveryChannel[];
  logger: Logger;
  /** The link a notice carries to its case. */
  caseUrl: (petitionId: string) => string;
  /** Attempts per notice and channel before it is marked failed. */
  maxAttempts: number;
  /** The wait after the first failed attempt; doubled after each further one, up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Notices older than this when first seen are not sent. */
  maxNoticeAgeMs: number;
  /** How long a claimed delivery is this dispatcher's; longer than any send can take (default 10 min). */
  leaseMs?: number;
  /** Deliveries claimed and sent at once (default 20). */
  batchSize?: number;
  /** The clock (tests control it to step through the backoff). */
  now?: () => Date;
}

export interface DispatchRound {
  delivered: number;
  retried: number;
  failed: number;
  skipped: number;
}

/**
 * Delivers the notification outbox: takes up new notices (a row per notice and channel), claims the due ones
 * (a lease; SKIP LOCKED, so several API processes share the work and never send one row at the same time),
 * sends each, and records the outcome: delivered (never sent again), or another attempt after an exponential
 * backoff, or failed after the last attempt. At least once: a sender that dies after sending and before
 * recording sends again when its lease has passed, with the same notice id for the receiver to drop the copy.
 * Separate from the case: the outbox row is written with the event, and nothing here can hold up a transition.
 */
export class NoticeDispatcher {
  readonly metrics: ReturnType<typeof createDeliveryMetrics>;
  private readonly now: () => Date;
  private readonly channels: Map<string, DeliveryChannel>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private lastFullScan: number | undefined;

  constructor(private readonly options: DispatcherOptions) {
    this.now = options.now ?? (() => new Date());
    this.channels = new Map(options.channels.map((c) => [c.name, c]));
    this.metrics = createDeliveryMetrics(options.pool, [...this.channels.keys()]);
  }

  /** The wait before attempt `attempt + 1`, after attempt `attempt` failed. */
  backoffMs(attempt: number): number {
    return Math.min(this.options.backoffBaseMs * 2 ** (attempt - 1), this.options.backoffMaxMs);
  }

  /** One round: new notices taken up, then the due deliveries sent, batch after batch. */
  async runOnce(): Promise<DispatchRound> {
    const round: DispatchRound = { delivered: 0, retried: 0, failed: 0, skipped: 0 };
    const names = [...this.channels.keys()] as ClaimedDelivery['channel'][];
    if (names.length === 0) return round;
    const now = this.now();
    // The last minutes each round; the whole NOTICE_MAX_AGE_HOURS now and then, for a notice whose transaction
    // committed late (or a clock that differs from the database's): each round stays small.
    const full = this.lastFullScan === undefined || now.getTime() - this.lastFullScan >= FULL_SCAN_EVERY_MS;
    const window = full ? this.options.maxNoticeAgeMs : Math.min(RECENT_MS, this.options.maxNoticeAgeMs);
    const taken = await takeUpNotices(this.options.pool, {
      channels: names,
      since: new Date(now.getTime() - window),
      now,
      limit: 1000,
    });
    if (full && taken.length < 1000) this.lastFullScan = now.getTime();
    for (const row of taken.filter((r) => r.status === 'skipped')) {
      this.metrics.outcomes.inc({ channel: row.channel, outcome: 'skipped' });
      round.skipped += 1;
    }
    const batchSize = this.options.batchSize ?? 20;
    // A bounded number of batches per round: a long backlog does not keep one round going for ever.
    for (let batch = 0; batch < 50 && !this.stopped; batch += 1) {
      const at = this.now();
      const claimed = await claimDue(this.options.pool, {
        channels: names,
        now: at,
        leaseUntil: new Date(at.getTime() + (this.options.leaseMs ?? 600_000)),
        limit: batchSize,
      });
      const outcomes = await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
      for (const outcome of outcomes) round[outcome] += 1;
      if (claimed.length < batchSize) break;
    }
    return round;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<'delivered' | 'retried' | 'failed' | 'skipped'> {
    const channel = this.channels.get(delivery.channel)!;
    if (!delivery.address) {
      const reason = 'the recipient has no address for it any more, or has been deactivated';
      await recordSkipped(this.options.pool, delivery, reason, this.now());
      this.metrics.outcomes.inc({ channel: delivery.channel, outcome: 'skipped' });
      return 'skipped';
    }
    try {
      const message = noticeMessage(delivery, this.options.caseUrl);
      await channel.send({ noticeId: delivery.noticeId, address: delivery.address, message });
    } catch (err) {
      const error = errorText(err);
      const last = delivery.attempt >= this.options.maxAttempts;
      const at = this.now();
      const retryAt = last ? undefined : new Date(at.getTime() + this.backoffMs(delivery.attempt));
      await recordFailure(this.options.pool, delivery, error, retryAt, at);
      this.metrics.outcomes.inc({ channel: delivery.channel, outcome: last ? 'failed' : 'retry' });
      const log = {
        noticeId: delivery.noticeId,
        channel: delivery.channel,
        attempt: delivery.attempt,
        error,
      };
      if (last) this.options.logger.warn(log, 'notice delivery failed for good');
      else this.options.logger.info({ ...log, retryAt }, 'notice delivery attempt failed; will retry');
      return last ? 'failed' : 'retried';
    }
    await recordDelivered(this.options.pool, delivery, this.now());
    this.metrics.outcomes.inc({ channel: delivery.channel, outcome: 'delivered' });
    return 'delivered';
  }

  /** Rounds every `intervalMs` (the next one starts when the last has finished), until stop(). */
  start(intervalMs: number): void {
    const tick = () => {
      this.running = this.runOnce()
        .catch((err: unknown) => this.options.logger.error({ err }, 'notice delivery round failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs).unref();
        });
    };
    tick();
  }

  /**
   * Stops after the round under way (its sends finish and are recorded), waiting for it at most `graceMs`: a
   * send cut off is sent again by another process once its lease has passed (the receiver drops the copy).
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise((resolve) => (grace = setTimeout(resolve, graceMs)))]);
    clearTimeout(grace);
    await Promise.all([...this.channels.values()].map((c) => c.close().catch(() => undefined)));
  }
}
