import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { importJWK, type JWK, SignJWT } from 'jose';
import { Pool } from 'pg';
import { mintEmbeddedToken } from '../../src/auth/embedded-token';
import {
  newProviderSecrets,
  type ProviderSecrets,
  rotatedSecrets,
  writeProviderSecrets,
} from '../../src/auth/signing-keys';
import { freePort } from '../support/child-services';
import { startTestApp, type TestApp, testEnv, validRegistration } from '../support/harness';
import { startTestProvider, TEST_AUDIENCE, testToken } from '../support/sign-in';

const CLI = path.resolve(__dirname, '..', '..', 'bin', 'petitionflow.js');
const issuer = () => process.env.TEST_OIDC_ISSUER!;
const runKeys = () => JSON.parse(fs.readFileSync(process.env.TEST_OIDC_KEYS!, 'utf8')) as ProviderSecrets;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('oidc-sign-in');
});
afterAll(async () => {
  await app.stop();
});

/** A token signed with `jwk` (the run's provider key unless told), with the claims `build` sets. */
async function forge(build: (jwt: SignJWT) => SignJWT, jwk: JWK = runKeys().keys[0]!): Promise<string> {
  const base = new SignJWT({ preferred_username: 'registrar' })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
    .setSubject('registrar')
    .setIssuer(issuer())
    .setAudience(TEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h');
  return build(base).sign(await importJWK(jwk, 'RS256'));
}

async function answerTo(token: string, baseUrl = app.baseUrl) {
  const response = await fetch(`${baseUrl}/api/petitions`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: body.error?.code };
}

describe('access tokens of the OpenID provider', () => {
  it('accepts a token of the configured issuer, signed with a key of its JWKS', async () => {
    expect(await answerTo(await testToken('registrar'))).toEqual({ status: 200, code: undefined });
  });

  it.each([
    [
      'another issuer',
      'token_issuer_unknown',
      (jwt: SignJWT) => jwt.setIssuer('https://sso.elsewhere.example/realms/x'),
    ],
    ['another audience', 'token_audience_invalid', (jwt: SignJWT) => jwt.setAudience('account')],
    [
      'an expiry past (beyond the 60 s skew)',
      'token_expired',
      (jwt: SignJWT) =>
        jwt
          .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 120),
    ],
    [
      'a not-before ahead (beyond the 60 s skew)',
      'token_not_yet_valid',
      (jwt: SignJWT) => jwt.setNotBefore(Math.floor(Date.now() / 1000) + 300),
    ],
    [
      'no user claim',
      'token_user_claim_missing',
      (_jwt: SignJWT) => {
        const claims = new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: runKeys().keys[0]!.kid! });
        return claims.setIssuer(issuer()).setAudience(TEST_AUDIENCE).setIssuedAt().setExpirationTime('1h');
      },
    ],
  ] as const)('refuses a token with %s: 401 %s', async (_case, code, build) => {
    expect(await answerTo(await forge(build))).toEqual({ status: 401, code });
  });

  it('accepts an expiry 30 s past: within the bounded clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await forge((jwt) => jwt.setIssuedAt(now - 600).setExpirationTime(now - 30));
    expect((await answerTo(token)).status).toBe(200);
  });

  it('refuses a token signed by a key not in the JWKS: 401 token_key_unknown', async () => {
    const stranger = (await newProviderSecrets()).keys[0]!;
    expect(await answerTo(await forge((jwt) => jwt, stranger))).toEqual({
      status: 401,
      code: 'token_key_unknown',
    });
  });

  it('refuses a token whose signature does not verify with the named key', async () => {
    const stranger = (await newProviderSecrets()).keys[0]!;
    const forged = await forge((jwt) => jwt, { ...stranger, kid: runKeys().keys[0]!.kid });
    expect(await answerTo(forged)).toEqual({ status: 401, code: 'token_signature_invalid' });
  });

  it('refuses a shared-secret (HS256) token and what is not a JWT: 401 invalid_token', async () => {
    const hs256 = await new SignJWT({ preferred_username: 'registrar' })
      .setProtectedHeader({ alg: 'HS256', kid: runKeys().keys[0]!.kid! })
      .setIssuer(issuer())
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-secret-anyone-could-have-0123456789'));
    expect(await answerTo(hs256)).toEqual({ status: 401, code: 'invalid_token' });
    expect(await answerTo('not-a-jwt')).toEqual({ status: 401, code: 'invalid_token' });
  });

  it('takes the user from the configured claim (OIDC_USER_CLAIM)', async () => {
    const bySub = await startTestApp('oidc-sign-in-sub', { signIn: { userClaim: 'sub' } });
    try {
      expect((await answerTo(await forge((jwt) => jwt.setSubject('handler')), bySub.baseUrl)).status).toBe(
        200,
      );
      const unknown = await forge((jwt) => jwt.setSubject('f81d4fae-7dec-11d0-a765-00a0c91e6bf6'));
      expect(await answerTo(unknown, bySub.baseUrl)).toEqual({ status: 401, code: 'unknown_user' });
    } finally {
      await bySub.stop();
    }
  });

  it('takes roles and unit from our users table, never from the token', async () => {
    // The joint-conference office's officer claims the bureau's registrar role and unit: registering (which
    // the office may not do) is refused.
    const claiming = await forge(() =>
      new SignJWT({
        preferred_username: 'jco',
        roles: ['registrar'],
        unit_id: 'qingshan-petition-bureau',
      })
        .setProtectedHeader({ alg: 'RS256', kid: runKeys().keys[0]!.kid! })
        .setSubject('jco')
        .setIssuer(issuer())
        .setAudience(TEST_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h'),
    );
    const response = await fetch(`${app.baseUrl}/api/petitions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${claiming}`,
        'content-type': 'application/json',
        'idempotency-key': `oidc-claims-${process.pid}`,
      },
      body: JSON.stringify(validRegistration()),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });
});

describe('a deactivated user', () => {
  const login = `oidc-deactivated-${process.pid}`;
  let owner: Pool;
  beforeAll(async () => {
    owner = new Pool({ connectionString: testEnv('TEST_DATABASE_URL') });
    await owner.query(
      `INSERT INTO users (login, display_name, unit_id, roles) VALUES ($1, 'Soon gone', 'qingshan-petition-bureau', '{registrar}')`,
      [login],
    );
  });
  afterAll(async () => {
    await owner.end();
  });

  it('gets 401 at the next request with the same, still unexpired token', async () => {
    const token = await testToken(login);
    expect((await answerTo(token)).status).toBe(200);
    await owner.query('UPDATE users SET active = false WHERE login = $1', [login]);
    expect(await answerTo(token)).toEqual({ status: 401, code: 'unknown_user' });
  });
});

describe("the provider's keys", () => {
  let keysFile: string;
  let port: number;
  beforeAll(async () => {
    keysFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-oidc-rotation-')), 'keys.json');
    port = await freePort();
  });

  it('answers 401 token_keys_unavailable (never 500) while the provider cannot be reached', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const offline = await startTestApp('oidc-provider-down', { signIn: { issuer: nowhere } });
    try {
      const token = await forge((jwt) => jwt.setIssuer(nowhere));
      expect(await answerTo(token, offline.baseUrl)).toEqual({ status: 401, code: 'token_keys_unavailable' });
      expect((await fetch(`${offline.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await offline.stop();
    }
  });

  it('follows a key rotation without a restart of the API, and refuses with 401 while the JWKS is down', async () => {
    const issuerUrl = `http://127.0.0.1:${port}`;
    const mint = (secrets: ProviderSecrets) =>
      mintEmbeddedToken(secrets, { issuer: issuerUrl, audience: TEST_AUDIENCE, login: 'registrar' });
    const before = await newProviderSecrets();
    await writeProviderSecrets(keysFile, before);
    let provider = await startTestProvider({ port, keysFile });
    // A cooldown of 0: the API fetches the JWKS again at the first unknown key id (30 s by default).
    const rotating = await startTestApp('oidc-rotation', {
      signIn: { issuer: issuerUrl, jwksCooldownMs: 0 },
    });
    try {
      expect((await answerTo(await mint(before), rotating.baseUrl)).status).toBe(200);

      // The provider rotates: a new signing key first, the previous one still published.
      await provider.stop();
      const after = await rotatedSecrets(before);
      await writeProviderSecrets(keysFile, after);
      provider = await startTestProvider({ port, keysFile });
      expect(after.keys[0]!.kid).not.toBe(before.keys[0]!.kid);
      expect((await answerTo(await mint(after), rotating.baseUrl)).status).toBe(200);
      expect((await answerTo(await mint(before), rotating.baseUrl)).status).toBe(200);

      // The JWKS endpoint goes down: a token naming a key not yet seen cannot be checked.
      await provider.stop();
      const unseen = await rotatedSecrets(after);
      expect(await answerTo(await mint(unseen), rotating.baseUrl)).toEqual({
        status: 401,
        code: 'token_keys_unavailable',
      });
      // Keys already fetched still verify.
      expect((await answerTo(await mint(after), rotating.baseUrl)).status).toBe(200);
    } finally {
      await rotating.stop();
      await provider.stop();
    }
  });
});

describe('petitionflow token', () => {
  const run = (env: NodeJS.ProcessEnv) =>
    promisify(execFile)(process.execPath, [CLI, 'token', '--user', 'supervisor'], {
      env,
      timeout: 60_000,
    }).then(
      ({ stdout }) => ({ code: 0, stdout: stdout.trim(), stderr: '' }),
      (err: { code?: number; stderr?: string }) => ({ code: err.code, stdout: '', stderr: err.stderr ?? '' }),
    );

  it("on embedded defaults signs with the embedded provider's key: the API accepts it", async () => {
    // EMBEDDED_OIDC_PORT and EMBEDDED_OIDC_KEYS (the global setup's) name the run's provider.
    const { OIDC_ISSUER: _issuer, ...embedded } = process.env;
    const outcome = await run(embedded);
    expect(outcome.code).toBe(0);
    expect((await answerTo(outcome.stdout)).status).toBe(200);
  });

  it('with OIDC_ISSUER set refuses, pointing at that provider', async () => {
    const outcome = await run({ ...process.env, OIDC_ISSUER: 'https://sso.bureau.example/realms/bureau' });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/OIDC_ISSUER is set: get access tokens from that identity provider/);
  });
});
