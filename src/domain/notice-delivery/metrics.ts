import type { Pool } from 'pg';
import { Counter, Gauge, Registry } from 'prom-client';
import { deliveryBacklog } from '../../db/notice-deliveries';

/**
 * The dispatcher's figures on /metrics: what it did (counted by this process), and what waits or failed (read
 * from the database when scraped, so every API process shows the same backlog: aggregate it with max, not sum).
 */
export function createDeliveryMetrics(pool: Pool, channels: readonly string[]) {
  const registry = new Registry();
  const outcomes = new Counter({
    name: 'petitionflow_notice_deliveries_total',
    help: 'Notice deliveries by channel and outcome: delivered, retry (an attempt failed, another follows), failed (gave up), skipped (no address)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  for (const channel of channels) {
    for (const outcome of ['delivered', 'retry', 'failed', 'skipped']) outcomes.inc({ channel, outcome }, 0);
  }
  const oldest = new Gauge({
    name: 'petitionflow_notice_delivery_oldest_pending_seconds',
    help: 'Age of the oldest notice delivery still waiting to be sent, by channel (0: none waits)',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'petitionflow_notice_deliveries',
    help: 'Notice deliveries waiting (pending) or given up (failed; listed at GET /api/notifications/deliveries)',
    labelNames: ['channel', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await deliveryBacklog(pool).catch(() => undefined);
      if (!rows) return; // the database did not answer: the last figures stand
      for (const channel of channels) {
        for (const status of ['pending', 'failed'] as const) {
          const row = rows.find((r) => r.channel === channel && r.status === status);
          this.set({ channel, status }, row?.count ?? 0);
          if (status === 'pending') oldest.set({ channel }, row?.oldestSeconds ?? 0);
        }
      }
    },
  });
  return { registry, outcomes };
}
