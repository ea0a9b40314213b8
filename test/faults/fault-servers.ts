/**
 * Run as a child process of the fault test (`node --require tsx/cjs fault-servers.ts`): a production shape
 * of the test's own — embedded PostgreSQL, temporal-server persisting to it — migrated, the demo
 * organisation seeded and the workflow code bundled (ESM-only packages that Jest's sandbox cannot load).
 * Prints `READY {json}`; then takes one command a line on standard input (`stop-temporal`,
 * `start-temporal`, `stop-postgres`, `start-postgres`) and answers `DONE <command>` or
 * `FAILED <command> <reason>`. Stops everything when its standard input closes, so it never outlives the test.
 * With FAULT_SERVERS_TLS_DIR (certificates from deploy/tls/generate-certs.sh), temporal-server requires mTLS
 * as compose sets it up, and this process's own calls present the `admin` certificate.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { migrate } from '../../src/db/migrate';
import { seedDemoOrganisation } from '../../src/domain/organisation/demo';
import { createPool } from '../../src/db/pool';
import { startProductionInfrastructure } from '../../src/dev-services/production-shape';
import { writeWorkflowBundle } from '../../src/dev-services/workflow-bundle';

export interface FaultServers {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
}

export type ServerCommand = 'stop-temporal' | 'start-temporal' | 'stop-postgres' | 'start-postgres';

async function main(): Promise<void> {
  const log = (message: string) => process.stderr.write(`[fault servers] ${message}\n`);
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-fault-bundle-'));
  // Listening for the end from the first moment: a test that dies during start-up must not leave servers.
  const input = readline.createInterface({ input: process.stdin });
  let endRequested = false;
  let stopNow = () => {
    endRequested = true;
  };
  input.on('close', () => stopNow());
  process.on('SIGTERM', () => stopNow());
  const infra = await startProductionInfrastructure({
    namespace: 'default',
    log,
    tls: composeTls(process.env.FAULT_SERVERS_TLS_DIR),
  });
  let stopping: Promise<void> | undefined;
  stopNow = () => {
    stopping ??= infra.stop().finally(() => {
      fs.rmSync(bundleDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  if (endRequested) return stopNow();
  let servers: FaultServers;
  try {
    await migrate(infra.databaseUrl, log);
    const pool = createPool(infra.databaseUrl);
    await seedDemoOrganisation(pool).finally(() => pool.end());
    servers = {
      databaseUrl: infra.databaseUrl,
      temporalAddress: infra.temporalAddress,
      workflowBundlePath: await writeWorkflowBundle(bundleDir),
    };
  } catch (err) {
    await infra.stop();
    throw err;
  }
  const actions: Record<ServerCommand, () => Promise<void>> = {
    'stop-temporal': () => infra.temporal.stop(),
    'start-temporal': () => infra.temporal.startAgain(),
    'stop-postgres': () => infra.postgres.stopKeepingData(),
    'start-postgres': () => infra.postgres.startAgain(),
  };
  input.on('line', (line) => {
    const command = line.trim() as ServerCommand;
    if (!(command in actions)) return void process.stdout.write(`FAILED ${command} unknown command\n`);
    actions[command]().then(
      () => process.stdout.write(`DONE ${command}\n`),
      (err: unknown) => process.stdout.write(`FAILED ${command} ${String(err).replaceAll('\n', ' ')}\n`),
    );
  });
  process.stdout.write(`READY ${JSON.stringify(servers)}\n`);
}

/** Compose's TLS settings for the certificates in `dir` (the server's name in them: `temporal`). */
function composeTls(dir: string | undefined) {
  if (!dir) return undefined;
  const file = (name: string) => path.join(dir, name);
  return {
    server: {
      caFile: file('ca.pem'),
      certFile: file('server.pem'),
      keyFile: file('server.key'),
      serverName: 'temporal',
    },
    client: {
      serverRootCACertificate: fs.readFileSync(file('ca.pem')),
      clientCertPair: { crt: fs.readFileSync(file('admin.pem')), key: fs.readFileSync(file('admin.key')) },
      serverNameOverride: 'temporal',
    },
  };
}

if (require.main === module) {
  main().catch((err: unknown) => {
    // The cause too: the Temporal client wraps the server's answer in it.
    for (let e: unknown = err; e; e = e instanceof Error ? e.cause : undefined) {
      process.stderr.write(`[fault servers] ${e instanceof Error ? e.stack : String(e)}\n`);
    }
    process.exit(1);
  });
}
