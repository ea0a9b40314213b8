import { SignJWT } from 'jose';
import { mintToken, TokenLifetimeError, verifyToken } from '../../../src/auth/tokens';

const secret = 'a-test-secret-with-enough-entropy-0123456789';
const key = new TextEncoder().encode(secret);
const forge = (build: (jwt: SignJWT) => SignJWT) =>
  build(
    new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('registrar').setIssuer('petitionflow'),
  ).sign(key);

describe('bearer tokens', () => {
  it('accepts what it mints, for its lifetime', async () => {
    expect(await verifyToken(secret, await mintToken(secret, 'registrar'))).toBe('registrar');
    expect(
      await verifyToken('another-secret-entirely-0123456789abcdef', await mintToken(secret, 'registrar')),
    ).toBeUndefined();
  });

  it('refuses a token without an expiry, for another audience, or living longer than a day', async () => {
    const now = Math.floor(Date.now() / 1000);
    const noExpiry = await forge((jwt) => jwt.setAudience('petitionflow-api').setIssuedAt());
    const otherAudience = await forge((jwt) =>
      jwt.setAudience('someone-else').setIssuedAt().setExpirationTime('1h'),
    );
    const tooLong = await forge((jwt) =>
      jwt
        .setAudience('petitionflow-api')
        .setIssuedAt(now)
        .setExpirationTime(now + 48 * 3600),
    );
    const expired = await forge((jwt) =>
      jwt
        .setAudience('petitionflow-api')
        .setIssuedAt(now - 7200)
        .setExpirationTime(now - 3600),
    );
    for (const token of [noExpiry, otherAudience, tooLong, expired])
      expect(await verifyToken(secret, token)).toBeUndefined();
  });

  it('refuses a token issued in the future, which would escape the lifetime cap (F4)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = (iat: number) =>
      forge((jwt) =>
        jwt
          .setAudience('petitionflow-api')
          .setIssuedAt(iat)
          .setExpirationTime(iat + 3600),
      );
    expect(await verifyToken(secret, await issuedAt(now + 365 * 24 * 3600))).toBeUndefined();
    expect(await verifyToken(secret, await issuedAt(now + 3600))).toBeUndefined();
    // Within the clocks' tolerance, and issued a while ago: valid.
    expect(await verifyToken(secret, await issuedAt(now + 30))).toBe('registrar');
    expect(await verifyToken(secret, await issuedAt(now - 1800))).toBe('registrar');
  });

  it('will not mint a token for longer than a day', async () => {
    await expect(mintToken(secret, 'registrar', '48h')).rejects.toBeInstanceOf(TokenLifetimeError);
  });
});
