import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** The embedded provider's secrets: its signing keys (private JWKs, newest first) and its cookie keys. */
export interface ProviderSecrets {
  keys: JWK[];
  cookieKeys: string[];
}

export const SIGNING_ALGORITHM = 'RS256';

export async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: SIGNING_ALGORITHM, use: 'sig' };
}

export async function newProviderSecrets(): Promise<ProviderSecrets> {
  return { keys: [await newSigningKey()], cookieKeys: [randomBytes(32).toString('hex')] };
}

/** The secrets kept in FILE (mode 600), created on first use so tokens survive a restart. */
export async function loadOrCreateProviderSecrets(file: string): Promise<ProviderSecrets> {
  if (!fs.existsSync(file)) await writeProviderSecrets(file, await newProviderSecrets());
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ProviderSecrets;
}

export async function writeProviderSecrets(file: string, secrets: ProviderSecrets): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(secrets), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * A new signing key first (the provider signs with it from its next start); the previous one stays published,
 * so tokens it signed keep verifying until they expire. Older keys go.
 */
export async function rotatedSecrets(secrets: ProviderSecrets): Promise<ProviderSecrets> {
  return { ...secrets, keys: [await newSigningKey(), ...secrets.keys.slice(0, 1)] };
}
