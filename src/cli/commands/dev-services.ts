import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { DEMO_ORGANISATION } from '../../db/demo-organisation';
import { migrate } from '../../db/migrate';
import { seedOrganisation } from '../../db/organisation';
import { createPool } from '../../db/pool';
import { provideInfrastructure } from '../../runtime/local-stack';

/** Prefix of the line that announces the servers (the dev server itself also writes to stdout). */
export const DEV_SERVICES_READY = 'PETITIONFLOW_DEV_SERVICES_READY';

/**
 * Starts a throw-away Temporal dev server and PostgreSQL (migrated, demo organisation seeded) on
 * free ports and prints their addresses as one JSON line after DEV_SERVICES_READY. Used by the test suite to run the
 * servers once per test run. Stops on SIGTERM, SIGINT or when its standard input closes, so it
 * never outlives the process that started it.
 */
export function registerDevServicesCommand(program: Command): void {
  program
    .command('dev-services', { hidden: true })
    .description('Run throw-away Temporal and PostgreSQL servers for tests')
    .action(async () => {
      const log = (message: string) => process.stderr.write(`[dev-services] ${message}\n`);
      const config = loadConfig({ ...process.env, DATABASE_URL: '', TEMPORAL_ADDRESS: '' });
      // Listen for the end from the first moment: a parent that dies during start-up must not leave servers.
      let stopRequested = false;
      let stopNow: () => void = () => {
        stopRequested = true;
      };
      const requestStop = () => stopNow();
      process.on('SIGTERM', requestStop);
      process.on('SIGINT', requestStop);
      process.stdin.on('end', requestStop);
      process.stdin.on('close', requestStop);
      process.stdin.resume();

      const infra = await provideInfrastructure(config, log, true);
      let stopping = false;
      stopNow = () => {
        if (stopping) return;
        stopping = true;
        void infra.stop().finally(() => process.exit(0));
      };
      if (stopRequested) return stopNow();
      try {
        await migrate(infra.databaseUrl, log);
        const pool = createPool(infra.databaseUrl);
        await seedOrganisation(pool, DEMO_ORGANISATION);
        await pool.end();
      } catch (err) {
        await infra.stop();
        throw err;
      }
      process.stdout.write(
        `${DEV_SERVICES_READY} ${JSON.stringify({ databaseUrl: infra.databaseUrl, temporalAddress: infra.temporalAddress })}\n`,
      );
    });
}
