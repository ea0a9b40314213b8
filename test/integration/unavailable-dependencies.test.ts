import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { type AppDeps, createApp } from '../../src/api/app';
import { createPool } from '../../src/db/pool';
import { createLogger } from '../../src/runtime/logger';
import { TEST_AUTH_SECRET, testEnv } from '../support/harness';
import { testSignIn, testToken } from '../support/sign-in';

/** The real app on a free port with PostgreSQL unreachable (and Temporal up); `work` gets its base URL. */
async function withDatabaseDown(
  work: (baseUrl: string) => Promise<void>,
  options: Partial<AppDeps> = {},
): Promise<void> {
  const pool = createPool('postgres://nobody:nothing@127.0.0.1:1/none');
  const connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
  const app = createApp({
    pool,
    client: new Client({ connection }),
    taskQueue: 'unused',
    authSecret: TEST_AUTH_SECRET,
    signIn: testSignIn(),
    logger: createLogger('silent'),
    ...options,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, () => resolve(s));
  });
  try {
    await work(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await connection.close();
    await pool.end();
  }
}

const wrongCodeLookup = (baseUrl: string) =>
  fetch(`${baseUrl}/api/public/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ petitionId: 'XF-2026-000001', queryCode: 'AAAAAAAAAAAAAAAA' }),
  });

/** With PostgreSQL unreachable the API answers 503 with a code, and keeps serving. */
it('answers 503 dependency_unavailable and reports not ready when PostgreSQL is down', async () => {
  await withDatabaseDown(async (baseUrl) => {
    const token = await testToken('registrar');
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(`${baseUrl}/api/petitions`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as any).error.code).toBe('dependency_unavailable');
    }
    // F5: a wrong query code is refused before anything is read, so it answers 404 even now.
    expect((await wrongCodeLookup(baseUrl)).status).toBe(404);
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    // The reason stays in the log: the answer names no host, user or driver message.
    expect(((await ready.json()) as any).checks).toEqual({ postgres: 'unavailable', temporal: 'ok' });
  });
});

/** F14: the rate limit counts in PostgreSQL; without it, in the process's memory: still limited, never a 500. */
it('keeps the petitioner’s endpoint rate-limited (per process) while PostgreSQL is down', async () => {
  await withDatabaseDown(
    async (baseUrl) => {
      const statuses = [];
      for (let attempt = 0; attempt < 3; attempt++) statuses.push((await wrongCodeLookup(baseUrl)).status);
      expect(statuses).toEqual([404, 404, 429]);
    },
    { publicRateLimit: 2 },
  );
});
