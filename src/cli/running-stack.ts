import { Client, Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import path from 'node:path';
import type { Config } from '../config';
import { createPool } from '../db/pool';
import { readSuperuserPassword, SUPERUSER, superuserPasswordFile } from '../dev-services/superuser-password';
import { temporalTlsOf } from '../temporal/tls';

/**
 * Where operator commands find a running stack: DATABASE_URL and TEMPORAL_ADDRESS, or the embedded servers
 * `npm start` runs (their ports, and the superuser's password kept beside the data, see dev-services).
 */
export function databaseUrlOf(config: Config): string {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  const dataDir = path.join(config.dataDir, 'postgres');
  const password = readSuperuserPassword(dataDir);
  if (password === undefined) {
    throw new Error(
      `No embedded PostgreSQL password in ${superuserPasswordFile(dataDir)}: start the stack (\`npm start\`) ` +
        'with the same DATA_DIR first, or set DATABASE_URL',
    );
  }
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${config.EMBEDDED_PG_PORT}/petitionflow`;
}

export function temporalAddressOf(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
}

/** A pool on the stack's database, checked reachable, with a message that says where it looked. */
export async function connectDatabase(config: Config): Promise<Pool> {
  const pool = createPool(databaseUrlOf(config));
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end();
    const where = config.DATABASE_URL
      ? 'DATABASE_URL'
      : `the embedded PostgreSQL on 127.0.0.1:${config.EMBEDDED_PG_PORT} (is \`npm start\` running? or set DATABASE_URL)`;
    throw new Error(`Cannot reach ${where}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  return pool;
}

export async function connectTemporal(config: Config): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({
    address: temporalAddressOf(config),
    tls: temporalTlsOf(config),
    connectTimeout: '5s',
  });
  return {
    client: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    close: () => connection.close(),
  };
}
