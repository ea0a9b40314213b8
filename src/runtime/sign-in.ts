import path from 'node:path';
import type { SignInSettings } from '../auth/oidc-verifier';
import type { Config } from '../config';

/** The embedded provider's issuer: on the loopback interface, as the other embedded servers. */
export function embeddedIssuer(config: Config): string {
  return `http://127.0.0.1:${config.EMBEDDED_OIDC_PORT}`;
}

export function embeddedKeysFile(config: Config): string {
  return config.EMBEDDED_OIDC_KEYS ?? path.join(config.dataDir, 'oidc-provider-keys.json');
}

/** OIDC_ISSUER, or the embedded provider's when it is unset (`npm start`, `petitionflow token`). */
export function signInSettings(config: Config): SignInSettings {
  return {
    issuer: config.OIDC_ISSUER ?? embeddedIssuer(config),
    audience: config.OIDC_AUDIENCE,
    userClaim: config.OIDC_USER_CLAIM,
    clientId: config.OIDC_CLIENT_ID,
  };
}
