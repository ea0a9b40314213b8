import { importJWK, SignJWT } from 'jose';
import { MAX_TOKEN_LIFETIME_SECONDS } from './oidc-verifier';
import type { ProviderSecrets } from './signing-keys';

export class TokenLifetimeError extends Error {}

/**
 * An access token as the embedded provider issues it, signed here with its current key: for scripts
 * (`petitionflow token`, the demo) and tests on embedded defaults. The API checks it like any other token:
 * through the provider's JWKS.
 */
export async function mintEmbeddedToken(
  secrets: ProviderSecrets,
  claims: { issuer: string; audience: string; login: string; ttl?: string },
): Promise<string> {
  const jwk = secrets.keys[0];
  if (!jwk?.kid || !jwk.alg) throw new Error('the embedded provider has no signing key');
  const now = Math.floor(Date.now() / 1000);
  const token = new SignJWT({ preferred_username: claims.login, scope: 'openid profile api' })
    .setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: 'at+jwt' })
    .setSubject(claims.login)
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt(now)
    .setExpirationTime(claims.ttl ?? '12h');
  const signed = await token.sign(await importJWK(jwk, jwk.alg));
  const payload = JSON.parse(Buffer.from(signed.split('.')[1] ?? '', 'base64url').toString()) as {
    exp: number;
  };
  if (payload.exp - now > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new TokenLifetimeError(
      `a token lives at most ${MAX_TOKEN_LIFETIME_SECONDS / 3600} h; ${claims.ttl} is longer`,
    );
  }
  return signed;
}
