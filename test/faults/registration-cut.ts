import type { Pool } from 'pg';
import type { FaultStack } from './fault-stack';
import { keyOf } from './lifecycle';
import type { RetryingClients } from './retrying-client';

export interface CutRegistrations {
  keys: string[];
  /** Petitions whose row was committed while temporal-server was down, when their API was killed. */
  rows: string[];
  /** Of those, how many had their request still in the killed API at that moment. */
  inFlightOnKilledApi: number;
  lifecycles: Array<Promise<string | undefined>>;
}

/**
 * (c) and (e): temporal-server is stopped; registrations sent then to the second API commit their rows but
 * cannot start their workflows. Once their rows are there, that API is killed with SIGKILL: rows committed,
 * workflows surely not started (the server was down from before the rows until after the kill). Then
 * temporal-server is started again on the same ports and data, and the API comes back. Their clients retry
 * under the same key, at the other API first.
 */
export async function temporalOutageCuttingRegistrations(
  stack: FaultStack,
  pool: Pool,
  clients: RetryingClients,
  lifecycles: { run: string; firstIndex: number; count: number },
  tracked: (index: number, home: number) => Promise<string | undefined>,
): Promise<CutRegistrations> {
  await stack.servers.send('stop-temporal');
  const stoppedAt = (await pool.query<{ now: Date }>('SELECT now()')).rows[0]!.now;
  const indexes = Array.from({ length: lifecycles.count }, (_, i) => lifecycles.firstIndex + i);
  const keys = indexes.map((i) => keyOf(lifecycles.run, i, 'register'));
  const started = indexes.map((i) => tracked(i, 1));
  let rows: string[] = [];
  for (const deadline = Date.now() + 20_000; rows.length < keys.length && Date.now() < deadline;) {
    await pause(100);
    const found = await pool.query<{ id: string }>(
      `SELECT p.id FROM idempotency_keys k JOIN petitions p ON p.id = k.petition_id
        WHERE k.login = 'registrar' AND k.key = ANY($1) AND p.last_sequence = 0 AND p.created_at > $2`,
      [keys, stoppedAt],
    );
    rows = found.rows.map((r) => r.id);
  }
  const inFlightOnKilledApi = clients.sent.filter(
    (r) => keys.includes(r.key) && r.outstandingAt === 1,
  ).length;
  await stack.apis[1]!.kill();
  await stack.servers.send('start-temporal');
  await stack.apis[1]!.running();
  return { keys, rows, inFlightOnKilledApi, lifecycles: started };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
