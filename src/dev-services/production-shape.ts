import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Infrastructure } from '../runtime/local-stack';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { freePorts } from './free-ports';
import {
  type RunningTemporalServer,
  startTemporalServer,
  type TemporalServerOptions,
} from './temporal-server';
import type { Log } from '../runtime/logger';

/** The servers themselves too, for fault tests that stop and start them in place. */
export interface ProductionInfrastructure extends Infrastructure {
  postgres: RunningPostgres;
  temporal: RunningTemporalServer;
}

/**
 * The compose file's servers without Docker, throw-away: one PostgreSQL holding the app's database
 * and Temporal's two, and `temporal-server` persisting to it with SQL visibility. Data lives in a
 * temporary folder that `stop` removes.
 */
export async function startProductionInfrastructure(options: {
  namespace: string;
  log: Log;
  /** mTLS on temporal-server, as compose sets it up. */
  tls?: TemporalServerOptions['tls'];
}): Promise<ProductionInfrastructure> {
  const { log } = options;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => log(`shutdown: ${String(err)}`));
  };
  try {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-production-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
    fs.chmodSync(dataDir, 0o755);
    stops.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));

    log('Starting PostgreSQL (embedded)…');
    const [postgresPort] = await freePorts(1);
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: postgresPort!,
      persistent: false,
      database: 'petitionflow',
      log,
    });
    stops.push(() => postgres.stop());

    const url = new URL(postgres.url);
    const temporalRoot = path.join(dataDir, 'temporal');
    fs.mkdirSync(temporalRoot);
    const temporal = await startTemporalServer({
      postgres: {
        host: url.hostname,
        port: Number(url.port),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
      },
      rootDir: temporalRoot,
      namespace: options.namespace,
      log,
      tls: options.tls,
    });
    stops.push(() => temporal.stop());
    return { databaseUrl: postgres.clientUrl, temporalAddress: temporal.address, stop, postgres, temporal };
  } catch (err) {
    await stop();
    throw err;
  }
}
