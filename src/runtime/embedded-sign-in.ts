import type { Pool } from 'pg';
import { mintEmbeddedToken } from '../auth/embedded-token';
import { type RunningProvider, startEmbeddedProvider } from '../auth/embedded-provider';
import { loadOrCreateProviderSecrets } from '../auth/signing-keys';
import type { Config } from '../config';
import { findActiveUser } from '../db/organisation';
import { embeddedIssuer, embeddedKeysFile } from './sign-in';

/**
 * The embedded OpenID provider on embedded defaults: EMBEDDED_OIDC_PORT on the loopback interface, its keys
 * in EMBEDDED_OIDC_KEYS (kept across restarts), its users the active ones of our database.
 */
export async function startEmbeddedSignIn(
  config: Config,
  pool: Pool,
  redirectUris: string[],
): Promise<RunningProvider> {
  return startEmbeddedProvider({
    issuer: embeddedIssuer(config),
    port: config.EMBEDDED_OIDC_PORT,
    host: '127.0.0.1',
    secrets: await loadOrCreateProviderSecrets(embeddedKeysFile(config)),
    audience: config.OIDC_AUDIENCE,
    clientId: config.OIDC_CLIENT_ID,
    redirectUris,
    findUser: (login) => findActiveUser(pool, login),
  });
}

/** Where the workbench (`/`) and the reports page sign in from, at an API on this machine (any port: a loopback client). */
export const LOCAL_REDIRECT_URIS = [
  'http://localhost/',
  'http://127.0.0.1/',
  'http://localhost/reports/',
  'http://127.0.0.1/reports/',
];

/**
 * Access tokens for scripts on embedded defaults (`petitionflow token`, the demo), signed with the embedded
 * provider's key. With OIDC_ISSUER set, tokens come from that provider instead.
 */
export function embeddedTokenMinter(config: Config): (login: string, ttl?: string) => Promise<string> {
  if (config.OIDC_ISSUER) {
    throw new Error(
      'OIDC_ISSUER is set: get access tokens from that identity provider (this command signs only for the ' +
        'embedded provider of `npm start`)',
    );
  }
  const secrets = loadOrCreateProviderSecrets(embeddedKeysFile(config));
  return async (login, ttl) =>
    mintEmbeddedToken(await secrets, {
      issuer: embeddedIssuer(config),
      audience: config.OIDC_AUDIENCE,
      login,
      ttl,
    });
}
