import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { type Config, loadConfig } from '../../config';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { seedDemoOrganisation } from '../../domain/organisation/demo';
import { type RunningAppProcesses, startAppProcesses } from '../../dev-services/app-processes';
import { startProductionInfrastructure } from '../../dev-services/production-shape';
import type { Log } from '../../runtime/logger';
import { writeWorkflowBundle } from '../../dev-services/workflow-bundle';
import { resolveAuthSecret } from '../../runtime/auth-secret';
import { type Infrastructure, provideInfrastructure } from '../../runtime/local-stack';

/** Prefix of the line that announces the servers (the dev server itself also writes to stdout). */
export const DEV_SERVICES_READY = 'PETITIONFLOW_DEV_SERVICES_READY';

/** What the ready line carries, as JSON; `apiUrls` only with --production. */
export interface DevServicesAddresses {
  databaseUrl: string;
  temporalAddress: string;
  apiUrls?: string[];
}

/** The compose file's replica counts are one each; two of each show that they share the work. */
const PRODUCTION_WORKERS = 2;
const PRODUCTION_APIS = 2;

/**
 * Starts a throw-away Temporal dev server and PostgreSQL (migrated, demo organisation seeded) on
 * free ports and prints their addresses as one JSON line after DEV_SERVICES_READY. Used by the test suite to run the
 * servers once per test run. Stops on SIGTERM, SIGINT or when its standard input closes, so it
 * never outlives the process that started it.
 *
 * With --production, the production shape instead: temporal-server on PostgreSQL (schema, namespace,
 * search attributes) and two `petitionflow worker` and two `petitionflow api` processes; the ready line
 * then also names the APIs' URLs.
 */
export function registerDevServicesCommand(program: Command): void {
  program
    .command('dev-services', { hidden: true })
    .description('Run throw-away Temporal and PostgreSQL servers for tests')
    .option('--production', 'temporal-server on PostgreSQL with two worker and two API processes')
    .action(async (options: { production?: boolean }) => {
      const log = (message: string) => process.stderr.write(`[dev-services] ${message}\n`);
      const config = loadConfig({ ...process.env, DATABASE_URL: '', TEMPORAL_ADDRESS: '' });
      const started = Date.now();
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

      const infra = options.production
        ? await startProductionInfrastructure({ namespace: config.TEMPORAL_NAMESPACE, log })
        : await provideInfrastructure(config, log, true);
      let apps: RunningAppProcesses | undefined;
      let stopping = false;
      stopNow = () => {
        if (stopping) return;
        stopping = true;
        void Promise.resolve(apps?.stop())
          .then(() => infra.stop())
          .finally(() => process.exit(0));
      };
      if (stopRequested) return stopNow();
      try {
        await migrate(infra.databaseUrl, log);
        const pool = createPool(infra.databaseUrl);
        await seedDemoOrganisation(pool);
        await pool.end();
        const addresses: DevServicesAddresses = {
          databaseUrl: infra.databaseUrl,
          temporalAddress: infra.temporalAddress,
        };
        if (options.production) {
          const workflowBundlePath = await workflowBundle(config, log);
          if (stopping) return;
          apps = startProductionApps(config, infra, workflowBundlePath, log);
          addresses.apiUrls = await apps.apiUrls;
          log(`Production shape ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
          log(
            `Temporal      ${infra.temporalAddress} (temporal-server, PostgreSQL persistence and visibility)`,
          );
          for (const url of addresses.apiUrls) log(`API           ${url}/api/petitions`);
        }
        process.stdout.write(`${DEV_SERVICES_READY} ${JSON.stringify(addresses)}\n`);
      } catch (err) {
        if (stopping) return; // what failed was cut short by the stop
        await apps?.stop();
        await infra.stop();
        throw err;
      }
    });
}

/** WORKFLOW_BUNDLE_PATH, or the workflow code bundled once here for all the workers. */
async function workflowBundle(config: Config, log: Log): Promise<string> {
  if (config.WORKFLOW_BUNDLE_PATH) return config.WORKFLOW_BUNDLE_PATH;
  log('Bundling the workflow code for the workers…');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-bundle-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return writeWorkflowBundle(dir);
}

/** The workers and APIs of the production shape; `stop` ends them whether they are ready or not. */
function startProductionApps(
  config: Config,
  infra: Infrastructure,
  workflowBundlePath: string,
  log: Log,
): RunningAppProcesses {
  log(`Starting ${PRODUCTION_WORKERS} workers and ${PRODUCTION_APIS} APIs…`);
  return startAppProcesses({
    databaseUrl: infra.databaseUrl,
    temporalAddress: infra.temporalAddress,
    namespace: config.TEMPORAL_NAMESPACE,
    authSecret: resolveAuthSecret(config),
    workflowBundlePath,
    workers: PRODUCTION_WORKERS,
    apis: PRODUCTION_APIS,
    log,
  });
}
