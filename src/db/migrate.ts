import path from 'node:path';

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
}
