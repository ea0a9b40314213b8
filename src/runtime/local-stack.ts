import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Config } from '../config';
import { startEmbeddedPostgres } from '../dev-services/embedded-postgres';
import { startTemporalDevServer } from '../dev-services/temporal-dev-server';
import type { Log } from './logger';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { checkDataLine } from './data-line';

export interface Infrastructure {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  stop(): Promise<void>;
}

/**
 * Temporal and PostgreSQL for this process: the configured ones, or embedded ones started here.
 * `ephemeral` (test runs) uses free ports, a temporary data folder and no Web UI.
 */
export async function provideInfrastructure(
  config: Config,
  log: Log,
  ephemeral = false,
): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => log(`shutdown: ${String(err)}`));
  };
  try {
    const dataDir = ephemeral ? fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-')) : config.dataDir;
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    if (!ephemeral) checkDataLine(dataDir);
    if (ephemeral) {
      fs.chmodSync(dataDir, 0o755);
      stops.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    }

    let temporalAddress = config.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | undefined;
    if (temporalAddress) {
      const connection = await Connection.connect({ address: temporalAddress });
      const added = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
      if (added.length) log(`Registered search attributes: ${added.join(', ')}`);
      await connection.close();
    } else {
      log(
        ephemeral
          ? 'Starting a Temporal dev server…'
          : 'Starting the Temporal dev server (data in .data/temporal.db)…',
      );
      const server = await startTemporalDevServer({
        dbFilename: ephemeral ? undefined : path.join(dataDir, 'temporal.db'),
        port: ephemeral ? undefined : config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        ui: !ephemeral,
        namespace: config.TEMPORAL_NAMESPACE,
        log,
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      temporalUiUrl = server.uiUrl;
    }

    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      log('Starting PostgreSQL (embedded)…');
      const postgres = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port: ephemeral ? await freePort() : config.EMBEDDED_PG_PORT,
        persistent: !ephemeral,
        database: 'petitionflow',
        log,
      });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.clientUrl;
    }
    return {
      databaseUrl,
      temporalAddress,
      temporalUiUrl,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
