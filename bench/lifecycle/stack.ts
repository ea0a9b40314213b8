import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedProvider } from '../../src/auth/embedded-provider';
import { mintEmbeddedToken } from '../../src/auth/embedded-token';
import { newProviderSecrets } from '../../src/auth/signing-keys';
import { migrate } from '../../src/db/migrate';
import { findActiveUser } from '../../src/db/organisation';
import { seedDemoOrganisation } from '../../src/domain/organisation/demo';
import { createPool } from '../../src/db/pool';
import { type RunningAppProcesses, startAppProcesses } from '../../src/dev-services/app-processes';
import { stopProcess, waitForOutput } from '../../src/dev-services/child-process';
import { type RunningPostgres, startEmbeddedPostgres } from '../../src/dev-services/embedded-postgres';
import { freePorts } from '../../src/dev-services/free-ports';
import { type RunningDevServer, startTemporalDevServer } from '../../src/dev-services/temporal-dev-server';
import type { Log } from '../../src/runtime/logger';
import { writeWorkflowBundle } from '../../src/dev-services/workflow-bundle';
import { findProcess } from './process-stats';

/** The processes whose CPU and memory the bench reads. */
export interface StackPids {
  api: number;
  worker: number;
  bareWorker: number;
  /** The Temporal dev server (one process: frontend, history, matching, SQLite persistence). */
  server: number;
  postmaster: number;
}

export interface BenchStack {
  apiUrl: string;
  temporalAddress: string;
  databaseUrl: string;
  authSecret: string;
  /** An access token for a demo user, from the stack's embedded OpenID provider. */
  mint(login: string): Promise<string>;
  bareTaskQueue: string;
  /** The petition worker's Temporal SDK metrics (Prometheus text). */
  workerMetricsUrl: string;
  pids: StackPids;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** The workers' cache size (WORKER_MAX_CACHED_WORKFLOWS), the bare worker's too. */
  maxCachedWorkflows: number;
  /** Dynamic config for the dev server on top of the embedded start's (DEV_SERVER_DYNAMIC_CONFIG). */
  dynamicConfig: Record<string, unknown>;
  /** SQLite pragmas for the dev server on top of the embedded start's (DEV_SERVER_SQLITE_PRAGMAS). */
  sqlitePragmas: Record<string, string>;
  /** Where the processes' output goes. */
  logFile: string;
  /** Aborted (Ctrl-C): the start stops what it started and rejects, at the next step. */
  signal: AbortSignal;
  /** A folder for V8 CPU profiles of the API and the worker (written when they stop); none when absent. */
  profileDir?: string;
  log: Log;
}

const BARE_TASK_QUEUE = 'bench-bare';
const STOP_GRACE_MS = 10_000;

/**
 * The servers `npm start` runs, each on a free port and in a folder of the bench's own: embedded PostgreSQL
 * (migrated, demo organisation), the Temporal CLI dev server on a SQLite file, and — as separate processes,
 * so that each can be measured — one `petitionflow worker`, one `petitionflow api` and the bare worker.
 * `stop` ends them all and removes the folder; on a failure to start, what started is stopped.
 */
export async function startBenchStack(options: StackOptions): Promise<BenchStack> {
  const { log } = options;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-bench-'));
  // As root the embedded PostgreSQL runs as the `postgres` user, which must reach its data folder.
  fs.chmodSync(workDir, 0o755);
  const output = fs.createWriteStream(options.logFile);
  const stops: Array<() => Promise<void>> = [];
  // Once: a second call (a Ctrl-C while a failure stops the stack, say) waits for the first.
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const s of stops.reverse()) await s().catch((err: unknown) => log(`stop: ${String(err)}`));
      await new Promise((resolve) => output.end(resolve));
      fs.rmSync(workDir, { recursive: true, force: true });
    })());
  try {
    // Below the ephemeral range, so that no outgoing connection takes one before the servers do.
    const [postgresPort, temporalPort, metricsPort, oidcPort] = await freePorts(4, {
      min: 20_000,
      max: 32_767,
    });
    const postgres = await startPostgres(workDir, postgresPort!, log);
    stops.push(() => postgres.stop());
    options.signal.throwIfAborted();
    log(`Starting the Temporal dev server (SQLite in the bench's folder, port ${temporalPort})…`);
    const temporal: RunningDevServer = await startTemporalDevServer({
      dbFilename: path.join(workDir, 'temporal.db'),
      port: temporalPort,
      ui: false,
      namespace: 'default',
      dynamicConfig: options.dynamicConfig,
      sqlitePragmas: options.sqlitePragmas,
      log,
    });
    stops.push(() => temporal.stop());
    options.signal.throwIfAborted();
    log('Bundling the workflow code…');
    const workflowBundlePath = await writeWorkflowBundle(workDir);
    options.signal.throwIfAborted();
    const authSecret = randomBytes(32).toString('hex');
    // Sign-in as `npm start` has it: the embedded OpenID provider, whose JWKS the API fetches.
    const issuer = `http://127.0.0.1:${oidcPort}`;
    const secrets = await newProviderSecrets();
    const usersPool = createPool(postgres.clientUrl);
    stops.push(() => usersPool.end());
    const provider = await startEmbeddedProvider({
      issuer,
      port: oidcPort!,
      host: '127.0.0.1',
      secrets,
      audience: 'petitionflow-api',
      clientId: 'petitionflow-web',
      redirectUris: ['http://127.0.0.1/reports/'],
      findUser: (login) => findActiveUser(usersPool, login),
    });
    stops.push(() => provider.stop());
    const workerMetricsAddress = `127.0.0.1:${metricsPort}`;
    const apps: RunningAppProcesses = startAppProcesses({
      databaseUrl: postgres.clientUrl,
      temporalAddress: temporal.address,
      namespace: 'default',
      authSecret,
      workflowBundlePath,
      workers: 1,
      apis: 1,
      log,
      env: {
        api: { OIDC_ISSUER: issuer },
        worker: {
          WORKER_MAX_CACHED_WORKFLOWS: String(options.maxCachedWorkflows),
          TEMPORAL_METRICS_ADDRESS: workerMetricsAddress,
        },
      },
      nodeArgs: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
      output: (name, line) => output.write(`[${name}] ${line}\n`),
    });
    stops.push(() => apps.stop());
    const bareWorker = spawnBareWorker(temporal.address, options.maxCachedWorkflows, output);
    stops.push(() => stopProcess(bareWorker, STOP_GRACE_MS));
    const [apiUrls] = await Promise.all([
      apps.apiUrls,
      waitForOutput(bareWorker, /Bare worker polling/, 120_000, 'the bare worker'),
    ]);
    options.signal.throwIfAborted();
    return {
      apiUrl: apiUrls[0]!,
      temporalAddress: temporal.address,
      databaseUrl: postgres.clientUrl,
      authSecret,
      mint: (login) => mintEmbeddedToken(secrets, { issuer, audience: 'petitionflow-api', login }),
      bareTaskQueue: BARE_TASK_QUEUE,
      workerMetricsUrl: `http://${workerMetricsAddress}/metrics`,
      pids: {
        api: apps.pids().get('api-1')!,
        worker: apps.pids().get('worker-1')!,
        bareWorker: bareWorker.pid!,
        server: serverPid(temporalPort!),
        postmaster: postmasterPid(workDir),
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startPostgres(workDir: string, port: number, log: Log): Promise<RunningPostgres> {
  log(`Starting PostgreSQL (embedded, port ${port})…`);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(workDir, 'postgres'),
    port,
    persistent: false,
    database: 'petitionflow',
    log,
  });
  try {
    await migrate(postgres.clientUrl, () => undefined);
    const pool = createPool(postgres.clientUrl);
    await seedDemoOrganisation(pool).finally(() => pool.end());
    return postgres;
  } catch (err) {
    await postgres.stop();
    throw err;
  }
}

function spawnBareWorker(temporalAddress: string, cache: number, output: fs.WriteStream): ChildProcess {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', path.join(__dirname, 'bare-worker.ts')], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: {
      ...process.env,
      BENCH_TEMPORAL_ADDRESS: temporalAddress,
      BENCH_TASK_QUEUE: BARE_TASK_QUEUE,
      BENCH_MAX_CACHED_WORKFLOWS: String(cache),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.write(`[bare-worker] ${chunk.toString()}`));
  child.stderr.on('data', (chunk: Buffer) => output.write(`[bare-worker] ${chunk.toString()}`));
  return child;
}

/** The dev server the SDK started for us: `temporal server start-dev … --port <port>`. */
function serverPid(port: number): number {
  const pid = findProcess(['start-dev', '--port', String(port)]);
  if (pid === undefined) throw new Error(`no Temporal dev server process on port ${port}`);
  return pid;
}

/** The first line of PostgreSQL's pid file. */
function postmasterPid(workDir: string): number {
  const file = path.join(workDir, 'postgres', 'postmaster.pid');
  return Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
}
