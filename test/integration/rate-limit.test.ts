import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { countRequest, expireRateLimitCounts } from '../../src/db/rate-limit-counts';
import { createLogger } from '../../src/runtime/logger';
import { startTestApp, type TestApp, testEnv } from '../support/harness';

/**
 * The petitioner's endpoint is rate-limited per client address (F14): the counts are in PostgreSQL, so the
 * API processes on one database share each client's budget, and the client's address comes from
 * X-Forwarded-For only when TRUST_PROXY names the proxies.
 */
const lookup = (app: TestApp, forwardedFor?: string) =>
  app
    .request(
      '',
      'POST',
      '/api/public/lookup',
      { petitionId: 'XF-1999-000001', queryCode: 'X' },
      forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    )
    .then((r) => r.status);

const apps: TestApp[] = [];
const start = async (...args: Parameters<typeof startTestApp>) => {
  const app = await startTestApp(...args);
  apps.push(app);
  return app;
};
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});

it('shares one petitioner’s budget between two API processes on the same database', async () => {
  // One deployment: the same database and task queue.
  const first = await start('rate-limit-shared', { publicRateLimit: 3 });
  const second = await start('rate-limit-shared', { publicRateLimit: 3 });
  const statuses = [];
  for (const app of [first, second, first, second, first]) statuses.push(await lookup(app));
  expect(statuses).toEqual([404, 404, 404, 429, 429]);
});

it('with TRUST_PROXY, gives each forwarded address its own budget', async () => {
  const app = await start('rate-limit-trusted', { publicRateLimit: 2, trustProxy: ['loopback'] });
  const statuses = [];
  for (const address of ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.2'])
    statuses.push(await lookup(app, address));
  expect(statuses).toEqual([404, 404, 429, 404, 404]);
});

it('without TRUST_PROXY, ignores X-Forwarded-For (the addresses share the proxy’s budget) and warns once', async () => {
  const lines: string[] = [];
  const logger = createLogger('warn', false, { write: (line: string) => void lines.push(line) });
  const app = await start('rate-limit-untrusted', { publicRateLimit: 2, logger });
  const statuses = [];
  for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
    statuses.push(await lookup(app, address));
  expect(statuses).toEqual([404, 404, 429]);
  expect(lines.filter((line) => line.includes('X-Forwarded-For is set but TRUST_PROXY is off'))).toHaveLength(
    1,
  );
});

it('starts a new window once the last has passed, and sweeps the rows of passed windows', async () => {
  const { pool } = await start('rate-limit-windows');
  const [passed, running] = ['rate-limit-windows:passed', 'rate-limit-windows:running'];
  expect((await countRequest(pool, passed, 60)).hits).toBe(1);
  expect((await countRequest(pool, passed, 60)).hits).toBe(2);
  await pool.query(`UPDATE rate_limit_counts SET resets_at = now() - interval '1 second' WHERE key = $1`, [
    passed,
  ]);
  const renewed = await countRequest(pool, passed, 60);
  expect(renewed.hits).toBe(1);
  expect(renewed.resetsAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  await countRequest(pool, running, 60);
  await pool.query(`UPDATE rate_limit_counts SET resets_at = now() - interval '1 second' WHERE key = $1`, [
    passed,
  ]);
  await expireRateLimitCounts(pool);
  const { rows } = await pool.query('SELECT key FROM rate_limit_counts WHERE key LIKE $1', [
    'rate-limit-windows:%',
  ]);
  expect(rows).toEqual([{ key: running }]);
});

it('refuses a malformed TRUST_PROXY at start-up, saying what it takes', async () => {
  const bin = path.resolve(__dirname, '..', '..', 'bin', 'petitionflow.js');
  const outcome = await promisify(execFile)(process.execPath, [bin, 'api'], {
    env: {
      ...process.env,
      TRUST_PROXY: 'loopback,10.0.0.300',
      DATABASE_URL: testEnv('TEST_DATABASE_URL'),
      TEMPORAL_ADDRESS: testEnv('TEST_TEMPORAL_ADDRESS'),
      AUTH_SECRET: '3f9a1c7e5b2d4f6081a3c5e7092b4d6f8a1c3e5f7b9d0e2f4a6c8e0b2d4f6a8c',
      API_PORT: '0',
    },
    timeout: 60_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (err: { code?: number; stderr?: string }) => ({ code: err.code, stderr: err.stderr ?? '' }),
  );
  expect(outcome.code).toBe(1);
  expect(outcome.stderr).toMatch(
    /Invalid configuration: TRUST_PROXY: invalid IP address: 10\.0\.0\.300; give a hop count/,
  );
});
