import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DEV_SERVICES_READY, type DevServicesAddresses } from '../../src/cli/commands/dev-services';
import { newProviderSecrets, writeProviderSecrets } from '../../src/auth/signing-keys';
import { obtainTestServer } from '../../src/dev-services/tool-binaries';
import { freePort } from './child-services';
import { TEST_AUTH_SECRET } from './harness';
import { startTestProvider } from './sign-in';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Once per test run: a real Temporal dev server and a real PostgreSQL (through the CLI's
 * `dev-services`, in a child process that dies with this one), the workflow bundle, and the
 * time-skipping test server's binary. Tests find them through TEST_* environment variables.
 *
 * With TEST_PRODUCTION_SHAPE=1, the production shape instead (`dev-services --production`):
 * temporal-server on PostgreSQL, plus two worker and two API processes whose URLs are in
 * TEST_PRODUCTION_API_URLS (space-separated; they accept the run's provider's tokens, testToken).
 */
export default async function globalSetup(): Promise<void> {
  const log = (message: string) => process.stderr.write(`[test setup] ${message}\n`);
  const production = process.env.TEST_PRODUCTION_SHAPE === '1';
  // The run's OpenID provider: its port and keys now, so that every API (in-process or not) trusts it; it
  // starts once the database (its users) is up. Tests sign tokens with its key (test/support/sign-in.ts).
  const oidcPort = await freePort();
  const keysFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-oidc-')), 'keys.json');
  await writeProviderSecrets(keysFile, await newProviderSecrets());
  Object.assign(process.env, {
    TEST_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
    TEST_OIDC_KEYS: keysFile,
    OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
    EMBEDDED_OIDC_PORT: String(oidcPort),
    EMBEDDED_OIDC_KEYS: keysFile,
  });
  const command = production ? ['dev-services', '--production'] : ['dev-services'];
  const services = spawn(process.execPath, [path.join(ROOT, 'bin', 'petitionflow.js'), ...command], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn', ...(production ? { AUTH_SECRET: TEST_AUTH_SECRET } : {}) },
  });
  (globalThis as { __devServices?: ChildProcess }).__devServices = services;

  const [addresses, bundle, testServer] = await Promise.all([
    readyLine(services, 15 * 60_000),
    bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows'), logger: quietLogger }),
    obtainTestServer(log),
  ]).catch((err: unknown) => {
    // Jest runs no teardown when the setup fails.
    services.kill('SIGTERM');
    throw err;
  });
  const { databaseUrl, temporalAddress, apiUrls } = JSON.parse(addresses) as DevServicesAddresses;
  const bundlePath = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-bundle-')),
    'workflows.js',
  );
  fs.writeFileSync(bundlePath, bundle.code);

  process.env.TEST_DATABASE_URL = databaseUrl;
  const provider = await startTestProvider({ port: oidcPort, keysFile }).catch((err: unknown) => {
    services.kill('SIGTERM');
    throw err;
  });
  (globalThis as { __oidcProvider?: ChildProcess }).__oidcProvider = provider.process;
  process.env.TEST_TEMPORAL_ADDRESS = temporalAddress;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  if (apiUrls) process.env.TEST_PRODUCTION_API_URLS = apiUrls.join(' ');
  if (testServer.type === 'existing-path') process.env.TEMPORAL_TEST_SERVER_PATH = testServer.path;
}

function readyLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('dev-services did not become ready in time')), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((l) => l.startsWith(`${DEV_SERVICES_READY} `));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice(DEV_SERVICES_READY.length + 1));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dev-services exited with code ${code} before it was ready`));
    });
  });
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`[bundle] ${message}\n`),
  error: (message: string) => process.stderr.write(`[bundle] ${message}\n`),
};
