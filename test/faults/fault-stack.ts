import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { newProviderSecrets, writeProviderSecrets } from '../../src/auth/signing-keys';
import { asRuntimeRole } from '../../src/db/roles';
import { freePorts } from '../../src/dev-services/free-ports';
import { TEST_AUTH_SECRET } from '../support/harness';
import { startTestProvider, type TestProvider } from '../support/sign-in';
import { type ServerControl, startFaultServers } from './server-control';
import { SupervisedProcess } from './supervised-process';

const ROOT = path.resolve(__dirname, '..', '..');

export interface FaultStack {
  servers: ServerControl;
  apis: SupervisedProcess[];
  workers: SupervisedProcess[];
  apiUrls: string[];
  /** The processes' output (kept with FAULT_KEEP_LOGS=1). */
  logDir: string;
  /** `petitionflow <args>` against this stack, as an operator would run it: its exit code and output. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

/**
 * The test's own production shape (servers it may stop without disturbing other tests) with `apis` API
 * and `workers` worker processes under supervision, each API on a fixed port that a restart keeps. The
 * processes' output goes to a temporary folder, kept with FAULT_KEEP_LOGS=1.
 */
export async function startFaultStack(options: {
  apis: number;
  workers: number;
  /** Certificates from deploy/tls/generate-certs.sh: temporal-server requires mTLS, the app presents `app`. */
  tlsDir?: string;
}): Promise<FaultStack> {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-faults-'));
  const servers = await startFaultServers({ tlsDir: options.tlsDir });
  const processes: SupervisedProcess[] = [];
  let provider: TestProvider | undefined;
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await provider?.stop();
    await servers.stop();
    if (process.env.FAULT_KEEP_LOGS === '1') process.stderr.write(`[fault stack] logs kept in ${logDir}\n`);
    else fs.rmSync(logDir, { recursive: true, force: true });
  };
  try {
    // The stack's own OpenID provider; testToken (test/support/sign-in.ts) signs with its key.
    const [oidcPort] = await freePorts(1, { min: 20_000, max: 32_767 });
    const keysFile = path.join(logDir, 'oidc-keys.json');
    await writeProviderSecrets(keysFile, await newProviderSecrets());
    provider = await startTestProvider({ port: oidcPort!, keysFile, databaseUrl: servers.databaseUrl });
    Object.assign(process.env, { TEST_OIDC_ISSUER: provider.issuer, TEST_OIDC_KEYS: keysFile });
    const appEnv = {
      DATABASE_URL: asRuntimeRole(servers.databaseUrl),
      TEMPORAL_ADDRESS: servers.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      AUTH_SECRET: TEST_AUTH_SECRET,
      OIDC_ISSUER: provider.issuer,
      WORKFLOW_BUNDLE_PATH: servers.workflowBundlePath,
      API_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // The sources under test, even where a build is lying around.
      PETITIONFLOW_FROM_SOURCE: '1',
      ...(options.tlsDir ? appTlsEnv(options.tlsDir) : {}),
    };
    // Below the ephemeral range: no client connection takes a killed API's port before it is back.
    const ports = await freePorts(options.apis, { min: 20_000, max: 32_767 });
    const apis = ports.map(
      (port, i) =>
        new SupervisedProcess(
          `api-${i + 1}`,
          'api',
          // Named in pg_stat_activity (pg reads PGAPPNAME), so a test can see whose transaction is open.
          { ...appEnv, API_PORT: String(port), PGAPPNAME: `petitionflow-api-${i + 1}` },
          logDir,
        ),
    );
    const workers = Array.from(
      { length: options.workers },
      (_, i) =>
        new SupervisedProcess(
          `worker-${i + 1}`,
          'worker',
          { ...appEnv, PGAPPNAME: `petitionflow-worker-${i + 1}` },
          logDir,
        ),
    );
    processes.push(...workers, ...apis);
    await Promise.all(processes.map((p) => p.start()));
    const cli = async (args: string[]) => {
      try {
        const { stdout, stderr } = await promisify(execFile)(
          process.execPath,
          [path.join(ROOT, 'bin', 'petitionflow.js'), ...args],
          { cwd: ROOT, env: { ...process.env, ...appEnv }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
        );
        return { code: 0, stdout, stderr };
      } catch (err) {
        const failed = err as { code?: number; stdout?: string; stderr?: string };
        return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
      }
    };
    const apiUrls = ports.map((port) => `http://127.0.0.1:${port}`);
    return { servers, apis, workers, apiUrls, logDir, cli, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The app's mTLS settings, as compose gives them (its `app` certificate). */
function appTlsEnv(dir: string): Record<string, string> {
  return {
    TEMPORAL_TLS_CERT: path.join(dir, 'app.pem'),
    TEMPORAL_TLS_KEY: path.join(dir, 'app.key'),
    TEMPORAL_TLS_CA: path.join(dir, 'ca.pem'),
    TEMPORAL_TLS_SERVER_NAME: 'temporal',
  };
}
