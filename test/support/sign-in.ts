import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { mintEmbeddedToken } from '../../src/auth/embedded-token';
import type { SignInSettings } from '../../src/auth/oidc-verifier';
import type { ProviderSecrets } from '../../src/auth/signing-keys';
import { OIDC_PROVIDER_READY } from '../../src/cli/commands/oidc-provider';
import { asRuntimeRole } from '../../src/db/roles';
import { stopProcess, waitForOutput } from '../../src/dev-services/child-process';

const ROOT = path.resolve(__dirname, '..', '..');
export const TEST_AUDIENCE = 'petitionflow-api';
export const TEST_CLIENT_ID = 'petitionflow-web';

function env(name: 'TEST_OIDC_ISSUER' | 'TEST_OIDC_KEYS'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration tests through jest (global setup)`);
  return value;
}

/** The run's embedded provider (started once, by the global setup), as the API is told of it. */
export function testSignIn(overrides: Partial<SignInSettings> = {}): SignInSettings {
  return {
    issuer: env('TEST_OIDC_ISSUER'),
    audience: TEST_AUDIENCE,
    userClaim: 'preferred_username',
    clientId: TEST_CLIENT_ID,
    ...overrides,
  };
}

let runSecrets: ProviderSecrets | undefined;

/** An access token of the run's provider for `login`, signed with its key (as `petitionflow token` does). */
export async function testToken(login: string, ttl?: string): Promise<string> {
  runSecrets ??= JSON.parse(fs.readFileSync(env('TEST_OIDC_KEYS'), 'utf8')) as ProviderSecrets;
  return mintEmbeddedToken(runSecrets, {
    issuer: env('TEST_OIDC_ISSUER'),
    audience: TEST_AUDIENCE,
    login,
    ttl,
  });
}

export interface TestProvider {
  issuer: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `petitionflow oidc-provider` as a real process on `port`, with the keys in `keysFile`, its users those of
 * the run's database.
 */
export async function startTestProvider(settings: {
  port: number;
  keysFile: string;
  /** Whose users may sign in: the run's database unless told. */
  databaseUrl?: string;
}): Promise<TestProvider> {
  const databaseUrl = settings.databaseUrl ?? process.env.TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'petitionflow.js'), 'oidc-provider'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: asRuntimeRole(databaseUrl),
      EMBEDDED_OIDC_PORT: String(settings.port),
      EMBEDDED_OIDC_KEYS: settings.keysFile,
      OIDC_AUDIENCE: TEST_AUDIENCE,
      OIDC_CLIENT_ID: TEST_CLIENT_ID,
    },
  });
  // The provider's notices (in-memory adapter, Node version) are expected; errors still show.
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (!/oidc-provider (WARNING|NOTICE)|^\s*$/m.test(text) || /Error/.test(text))
      process.stderr.write(`[oidc-provider] ${text}`);
  });
  try {
    await waitForOutput(child, new RegExp(OIDC_PROVIDER_READY), 60_000, 'oidc-provider');
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    issuer: `http://127.0.0.1:${settings.port}`,
    process: child,
    stop: () => stopProcess(child, 10_000),
  };
}
