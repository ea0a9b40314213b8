import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';

/** How far the clocks of the identity provider and the API may disagree. */
export const CLOCK_TOLERANCE_SECONDS = 60;
/** The longest a token may live: a stolen token stops working within a day whatever the provider says. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** Asymmetric signatures only: a shared-secret (HS*) token could be forged by anyone holding the JWKS. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const DISCOVERY_TIMEOUT_MS = 5_000;

export interface OidcSettings {
  /** OIDC_ISSUER: the provider's issuer URL, exactly as its discovery document names it. */
  issuer: string;
  /** OIDC_AUDIENCE: the `aud` an access token for this API carries. */
  audience: string;
  /** OIDC_USER_CLAIM: the claim that holds the user's login in our `users` table. */
  userClaim: string;
  /**
   * The least time between two JWKS fetches caused by unknown key ids (jose's default, 30 s, when absent):
   * a rotated key is picked up at the first token that uses it, and a flood of forged key ids costs the
   * provider at most one fetch per period.
   */
  jwksCooldownMs?: number;
}

/** What the API needs to know of the OpenID provider: how to check its tokens, and the browser pages' client. */
export interface SignInSettings extends OidcSettings {
  clientId: string;
}

export type TokenErrorCode =
  | 'invalid_token'
  | 'token_issuer_unknown'
  | 'token_audience_invalid'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'token_key_unknown'
  | 'token_signature_invalid'
  | 'token_keys_unavailable'
  | 'token_user_claim_missing';

export type TokenCheck = { login: string } | { code: TokenErrorCode; message: string };

/** Checks a bearer token and names the user it is for; every refusal is a code, never an exception. */
export type TokenVerifier = (token: string) => Promise<TokenCheck>;

/** The discovery document's URL (OpenID Connect Discovery 1.0 §4). */
export function discoveryUrlOf(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * Verifies access tokens (JWT) of one OpenID provider: its keys come from the JWKS its discovery document
 * names, fetched when first needed and again when a token names a key id not yet seen (key rotation).
 * Discovery that fails is tried again at the next token, so the API starts while the provider is down.
 */
export function oidcVerifier(settings: OidcSettings): TokenVerifier {
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const jwks = () => {
    keys ??= discover(settings.issuer, settings.jwksCooldownMs).catch((err: unknown) => {
      keys = undefined;
      throw err;
    });
    return keys;
  };
  return async (token) => {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      return refusal('invalid_token', 'The bearer token is not a JWT');
    }
    // Before any network: a token of another issuer is refused without asking anyone.
    if (claims.iss !== settings.issuer)
      return refusal('token_issuer_unknown', 'The bearer token comes from an issuer this API does not trust');
    try {
      const { payload } = await jwtVerify(token, await jwks(), {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      const login = payload[settings.userClaim];
      if (typeof login !== 'string' || !login)
        return refusal('token_user_claim_missing', `The bearer token has no ${settings.userClaim} claim`);
      return { login };
    } catch (err) {
      return refusalFor(err);
    }
  };
}

async function discover(issuer: string, cooldownDuration?: number) {
  const response = await fetch(discoveryUrlOf(issuer), { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
  if (!response.ok) throw new KeysUnavailable(`discovery answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // The document must be the issuer's own (OpenID Connect Discovery 1.0 §4.3).
  if (document.issuer !== issuer)
    throw new KeysUnavailable(`discovery names issuer ${String(document.issuer)}`);
  if (typeof document.jwks_uri !== 'string') throw new KeysUnavailable('discovery names no jwks_uri');
  return createRemoteJWKSet(new URL(document.jwks_uri), { cooldownDuration });
}

class KeysUnavailable extends Error {}

const refusal = (code: TokenErrorCode, message: string): TokenCheck => ({ code, message });

function refusalFor(err: unknown): TokenCheck {
  if (err instanceof errors.JWTExpired) return refusal('token_expired', 'The bearer token has expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud')
      return refusal('token_audience_invalid', 'The bearer token is meant for another audience');
    if (err.claim === 'nbf') return refusal('token_not_yet_valid', 'The bearer token is not valid yet');
    if (err.claim === 'iss')
      return refusal('token_issuer_unknown', 'The bearer token comes from an issuer this API does not trust');
    return refusal('invalid_token', `The bearer token's ${err.claim} claim is not acceptable`);
  }
  if (err instanceof errors.JWKSNoMatchingKey)
    return refusal('token_key_unknown', "The bearer token is signed by a key not in the provider's JWKS");
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return refusal('token_signature_invalid', "The bearer token's signature does not verify");
  if (err instanceof errors.JOSEAlgNotAllowed)
    return refusal('invalid_token', "The bearer token's signing algorithm is not accepted");
  if (
    err instanceof KeysUnavailable ||
    err instanceof errors.JWKSTimeout ||
    err instanceof errors.JWKSInvalid ||
    (err instanceof errors.JOSEError && err.code === 'ERR_JOSE_GENERIC') ||
    !(err instanceof errors.JOSEError)
  )
    return refusal('token_keys_unavailable', "The identity provider's keys cannot be fetched now");
  return refusal('invalid_token', 'The bearer token is invalid');
}
