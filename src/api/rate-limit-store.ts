import { createHmac } from 'node:crypto';
import { type IncrementResponse, MemoryStore, type Options, type Store } from 'express-rate-limit';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { countRequest, forgetCount, readCount, uncountRequest } from '../db/rate-limit-counts';

/** At most one warning a minute while the database cannot count. */
const WARN_EVERY_MS = 60_000;

/**
 * express-rate-limit's counts in PostgreSQL (`rate_limit_counts`), so that the API processes on one database
 * share each client's budget. One statement per request. The client's key is stored as a keyed hash: the
 * table holds no addresses.
 *
 * When the database cannot count (down, a timeout, a full pool), the request is counted in this process's
 * memory instead, each process its own budget as before, and goes on. Not open: the query code is checked
 * without reading anything (F5), so an open limit would let guesses through unlimited while PostgreSQL is
 * down. Not 503: a counting fault alone must not shut petitioners out, nor turn their request into a 500.
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowSeconds = 60;
  private readonly fallback = new MemoryStore();
  private lastWarning = 0;

  constructor(
    private readonly settings: {
      pool: Pool;
      /** Which limit this is, and of which deployment: processes with the same prefix share budgets. */
      prefix: string;
      /** Keys the hash of the client's key (the deployment's secret). */
      secret: string;
      logger: Logger;
    },
  ) {}

  get prefix(): string {
    return this.settings.prefix;
  }

  init(options: Options): void {
    this.windowSeconds = options.windowMs / 1000;
    this.fallback.init(options);
  }

  async increment(key: string): Promise<IncrementResponse> {
    try {
      const count = await countRequest(this.settings.pool, this.rowKey(key), this.windowSeconds);
      return { totalHits: count.hits, resetTime: count.resetsAt };
    } catch (err) {
      this.warn(err);
      return this.fallback.increment(key);
    }
  }

  async decrement(key: string): Promise<void> {
    await uncountRequest(this.settings.pool, this.rowKey(key)).catch((err: unknown) => this.warn(err));
  }

  async resetKey(key: string): Promise<void> {
    await this.fallback.resetKey(key);
    await forgetCount(this.settings.pool, this.rowKey(key));
  }

  async get(key: string) {
    const count = await readCount(this.settings.pool, this.rowKey(key));
    return count && { totalHits: count.hits, resetTime: count.resetsAt };
  }

  shutdown(): void {
    this.fallback.shutdown();
  }

  private rowKey(key: string): string {
    const hash = createHmac('sha256', this.settings.secret).update(key).digest('base64url');
    return `${this.settings.prefix}:${hash}`;
  }

  private warn(err: unknown): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    this.settings.logger.warn({ err }, 'rate limit: the database cannot count; counting in this process');
  }
}
