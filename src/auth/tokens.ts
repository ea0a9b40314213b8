import { decodeJwt, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'petitionflow';
/** Tokens are for this API only: one minted for another audience is refused. */
const AUDIENCE = 'petitionflow-api';
const ALGORITHM = 'HS256';
/** The longest a token may live: a stolen token stops working within a day. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** How far the clocks of the minter and the API may disagree. */
const CLOCK_TOLERANCE_SECONDS = 60;

export class TokenLifetimeError extends Error {}

/** Mints a bearer token naming a user; the user's unit and roles are read from the database per request. */
export async function mintToken(secret: string, login: string, ttl = '12h'): Promise<string> {
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(login)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
  if (!withinLifetime(decodeJwt(token))) {
    throw new TokenLifetimeError(
      `a token lives at most ${MAX_TOKEN_LIFETIME_SECONDS / 3600} h; ${ttl} is longer`,
    );
  }
  return token;
}

function withinLifetime(claims: { iat?: number; exp?: number }): boolean {
  return (
    claims.iat !== undefined &&
    claims.exp !== undefined &&
    claims.exp - claims.iat <= MAX_TOKEN_LIFETIME_SECONDS
  );
}

/**
 * The login a token names, or undefined when the token is not valid: bad signature, another issuer or
 * audience, expired, without an expiry, living longer than the maximum lifetime, or issued in the future
 * (its lifetime would start whenever its issuer chose: F4).
 */
export async function verifyToken(secret: string, token: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      requiredClaims: ['exp', 'iat', 'sub'],
      // Counts the age from `iat` and refuses an `iat` ahead of the clock (beyond the tolerance).
      maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    return withinLifetime(payload) ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}
