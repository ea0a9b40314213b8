import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../src/db/migrate';
import { startEmbeddedPostgres } from '../../src/dev-services/embedded-postgres';
import { freePorts } from '../../src/dev-services/free-ports';

export interface BenchDatabase {
  url: string;
  /** Where it came from, for the printout. */
  origin: string;
  /** Stops the embedded server and removes its folder; nothing for a given DATABASE_URL. */
  stop(): Promise<void>;
}

/**
 * The database the benchmark loads and reads: `DATABASE_URL` when set, else a fresh embedded PostgreSQL
 * in a temporary folder, on a free port. Either way migrated to the current schema.
 */
export async function benchDatabase(log: (message: string) => void): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) {
    await migrate(given, log);
    return { url: given, origin: 'DATABASE_URL', stop: async () => undefined };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-bench-'));
  // As root the server runs as the 'postgres' user, which must enter this folder.
  fs.chmodSync(dir, 0o755);
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'postgres'),
      port: (await freePorts(1))[0]!,
      persistent: false,
      database: 'petitionflow_bench',
      log,
    });
    const stop = async () => {
      await postgres.stop().finally(removeDir);
    };
    try {
      await migrate(postgres.clientUrl, log);
    } catch (err) {
      await stop();
      throw err;
    }
    return { url: postgres.clientUrl, origin: `embedded PostgreSQL in ${dir}`, stop };
  } catch (err) {
    removeDir();
    throw err;
  }
}
