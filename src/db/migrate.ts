import path from 'node:path';
import { Pool } from 'pg';
import { backfillReportFacts } from './case-events';

/** Applies pending migrations (node-pg-migrate, plain SQL files in src/db/migrations). */
export async function migrate(databaseUrl: string, log: (message: string) => void): Promise<void> {
  // ESM-only package: loaded on demand.
  const { runner } = await import('node-pg-migrate');
  const applied = await runner({
    databaseUrl,
    dir: path.join(__dirname, 'migrations'),
    direction: 'up',
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    log: () => undefined,
    verbose: false,
  });
  log(
    applied.length
      ? `Applied migrations: ${applied.map((m) => m.name).join(', ')}`
      : 'Database schema is current',
  );
  // Cases folded before the report rows existed get theirs once (a no-op afterwards).
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const backfilled = await backfillReportFacts(pool);
    if (backfilled > 0) log(`Wrote the report rows of ${backfilled} earlier cases`);
  } finally {
    await pool.end();
  }
}
