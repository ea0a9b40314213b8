import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Log } from '../runtime/logger';

const execFileAsync = promisify(execFile);

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The databases of deploy/temporal/setup-schema.sh (the server config's names) and their schema folders. */
export const TEMPORAL_DATABASES = [
  { database: 'temporal', schema: 'temporal' },
  { database: 'temporal_visibility', schema: 'visibility' },
] as const;

/**
 * Creates Temporal's two databases and brings them to the schema of the server module, with the
 * same `temporal-sql-tool` steps as deploy/temporal/setup-schema.sh. Safe to run again.
 */
export async function setUpTemporalSchema(
  sqlTool: string,
  serverModuleDir: string,
  postgres: PostgresServer,
  log: Log,
): Promise<void> {
  const env = {
    ...process.env,
    SQL_PLUGIN: 'postgres12',
    SQL_HOST: postgres.host,
    SQL_PORT: String(postgres.port),
    SQL_USER: postgres.user,
    SQL_PASSWORD: postgres.password,
  };
  const schemaRoot = path.join(serverModuleDir, 'schema', 'postgresql', 'v12');
  const run = (...args: string[]) => execFileAsync(sqlTool, args, { env, maxBuffer: 16 * 1024 * 1024 });
  for (const { database, schema } of TEMPORAL_DATABASES) {
    log(`Setting up the Temporal schema in database ${database}…`);
    await run('--db', database, 'create');
    await run('--db', database, 'setup-schema', '-v', '0.0');
    await run('--db', database, 'update-schema', '-d', path.join(schemaRoot, schema, 'versioned'));
  }
}
