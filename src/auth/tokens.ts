import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'petitionflow';
const ALGORITHM = 'HS256';

/** Mints a bearer token naming a user; the user's unit and roles are read from the database per request. */
export async function mintToken(secret: string, login: string, ttl = '12h'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(login)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}

/** The login a token names, or undefined when the token is not valid (bad signature, expired, malformed). */
export async function verifyToken(secret: string, token: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: ISSUER,
      algorithms: [ALGORITHM],
    });
    return payload.sub;
  } catch {
    return undefined;
  }
}
