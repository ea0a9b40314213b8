import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import { createApp } from '../../src/api/app';
import { mintEmbeddedToken } from '../../src/auth/embedded-token';
import { startEmbeddedProvider } from '../../src/auth/embedded-provider';
import { newProviderSecrets } from '../../src/auth/signing-keys';
import { findActiveUser } from '../../src/db/organisation';
import { freePorts } from '../../src/dev-services/free-ports';
import { createPool } from '../../src/db/pool';
import { seedDemoOrganisation } from '../../src/domain/organisation/demo';
import { importOrganisationText } from '../../src/domain/organisation/import';
import { createLogger } from '../../src/runtime/logger';
import { benchDatabase } from '../reports/database';
import { provinceOrganisationText } from './generate';

/**
 * The organisation at a province's size (issue 20). Imports the generated province (16 cities, ~10 000 units,
 * ~50 000 users) into a fresh database and prints the time; then times an authenticated request — token,
 * user and unit lookup, the region the caller oversees — for a county registrar of the demo organisation
 * and, in the same run, for a county registrar of the province: the ratio says whether the per-request cost
 * of authorisation grows with the organisation (it should stay near 1).
 *
 *   npm run bench:organisation -- --requests 2000
 */
const { values: options } = parseArgs({ options: { requests: { type: 'string', default: '2000' } } });
const REQUESTS = Number(options.requests);
if (!Number.isInteger(REQUESTS) || REQUESTS < 100) throw new Error('--requests takes a whole number ≥ 100');
const SECRET = 'bench-secret-that-is-at-least-32-characters-long';
const AUDIENCE = 'petitionflow-api';
/** Requests that need only authorisation and one small read: the inbox and the first page of cases. */
const PATHS = ['/api/notifications?pageSize=1', '/api/petitions?pageSize=1'];

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main() {
  const database = await benchDatabase(log);
  const pool = createPool(database.url);
  // Sign-in as `npm start` has it: the embedded OpenID provider, whose JWKS the API fetches (once).
  const [port] = await freePorts(1);
  const issuer = `http://127.0.0.1:${port}`;
  const secrets = await newProviderSecrets();
  const provider = await startEmbeddedProvider({
    issuer,
    port: port!,
    host: '127.0.0.1',
    secrets,
    audience: AUDIENCE,
    clientId: 'petitionflow-web',
    redirectUris: ['http://127.0.0.1/reports/'],
    findUser: (login) => findActiveUser(pool, login),
  });
  const token = (login: string) => mintEmbeddedToken(secrets, { issuer, audience: AUDIENCE, login });
  // Authorisation never calls Temporal: a connection that is never opened will do.
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const app = createApp({
    pool,
    client: new Client({ connection }),
    taskQueue: 'bench-organisation',
    authSecret: SECRET,
    signIn: { issuer, audience: AUDIENCE, userClaim: 'preferred_username', clientId: 'petitionflow-web' },
    logger: createLogger('silent'),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    await seedDemoOrganisation(pool);
    const demoUsers = await activeUsers(pool);
    const demo = await timeRequests(baseUrl, await token(await countyRegistrar(pool)));

    log('Generating and importing the province…');
    const text = provinceOrganisationText();
    const started = performance.now();
    const imported = await importOrganisationText(pool, text);
    const importSeconds = (performance.now() - started) / 1000;
    if (!imported.ok)
      throw new Error(`the generated province does not import: ${imported.errors[0]?.message}`);
    const { units, users } = imported.counts;
    console.log(`org import: ${units} units, ${users} users in ${importSeconds.toFixed(1)} s`);
    const again = performance.now();
    await importOrganisationText(pool, text);
    console.log(`org import again (no changes): ${((performance.now() - again) / 1000).toFixed(1)} s`);

    const province = await timeRequests(baseUrl, await token(await countyRegistrar(pool)));
    for (const [label, figures] of [
      [`demo (${demoUsers} users)`, demo],
      [`province (${users} users)`, province],
    ] as const) {
      console.log(`  ${label}: p50 ${figures.p50.toFixed(2)} ms, mean ${figures.mean.toFixed(2)} ms`);
    }
    const ratio = province.p50 / demo.p50;
    console.log(
      `bench:organisation: import ${importSeconds.toFixed(1)} s for ${units} units and ${users} users; ` +
        `authorised request p50 ratio ${ratio.toFixed(2)} (province / demo, ${REQUESTS} requests each)`,
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await provider.stop();
    await connection.close().catch(() => undefined);
    await pool.end();
    await database.stop();
  }
}

async function activeUsers(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE active');
  return rows[0]!.n;
}

/** An active county bureau's registrar (the demo's `registrar`, or one of the province's). */
async function countyRegistrar(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ login: string }>(
    `SELECT u.login FROM users u JOIN units n ON n.id = u.unit_id
      WHERE u.active AND n.active AND n.kind = 'petition-bureau' AND n.level = 'county'
        AND 'registrar' = ANY (u.roles)
      ORDER BY u.login DESC LIMIT 1`,
  );
  if (!rows[0]) throw new Error('no county registrar');
  return rows[0].login;
}

/** Warms up, then sends the requests one after another (latency, not load) and takes the figures. */
async function timeRequests(baseUrl: string, token: string): Promise<{ p50: number; mean: number }> {
  const headers = { authorization: `Bearer ${token}` };
  const send = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`, { headers });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  // The first phase also warms the process up (JIT, prepared statements): a long warm-up keeps it fair.
  for (let i = 0; i < 1000; i++) await send(PATHS[i % PATHS.length]!);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    await send(PATHS[i % PATHS.length]!);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, mean: times.reduce((a, b) => a + b, 0) / times.length };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
