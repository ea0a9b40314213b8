import { ConfigError, estimatedEntropyBits, loadConfig } from '../../../src/config';

describe('configuration', () => {
  it('refuses a predictable AUTH_SECRET even when it is long enough', () => {
    expect(() => loadConfig({ AUTH_SECRET: 'a'.repeat(64) })).toThrow(ConfigError);
    expect(() => loadConfig({ AUTH_SECRET: 'abababababababababababababababababababab' })).toThrow(
      /too predictable/,
    );
    expect(() => loadConfig({ AUTH_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('accepts a random secret', () => {
    const hex = '3f9a1c7e5b2d4f6081a3c5e7092b4d6f8a1c3e5f7b9d0e2f4a6c8e0b2d4f6a8c';
    expect(estimatedEntropyBits(hex)).toBeGreaterThanOrEqual(128);
    expect(loadConfig({ AUTH_SECRET: hex }).AUTH_SECRET).toBe(hex);
  });

  it('takes TRUST_PROXY as express does: off by default, a hop count, or addresses and ranges (F14)', () => {
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, fd00::/8 ,192.168.1.1' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.1',
    ]);
  });

  it.each([
    ['proxy.example', /invalid IP address: proxy\.example/],
    ['10.0.0.0/33', /invalid range on address: 10\.0\.0\.0\/33/],
    ['loopback,,10.0.0.1', /an empty entry/],
    ['true', /every client choose its own address/],
    ['-1', /invalid IP address/],
  ])('refuses TRUST_PROXY=%s with a message that says what it takes', (value, problem) => {
    const attempt = () => loadConfig({ TRUST_PROXY: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(problem);
    expect(attempt).toThrow(/TRUST_PROXY: .*give a hop count/);
  });

  it('takes the OpenID provider from OIDC_ISSUER, with the defaults of docs/sign-in.md', () => {
    const config = loadConfig({ OIDC_ISSUER: 'https://sso.bureau.example/realms/bureau' });
    expect(config).toMatchObject({
      OIDC_ISSUER: 'https://sso.bureau.example/realms/bureau',
      OIDC_AUDIENCE: 'petitionflow-api',
      OIDC_USER_CLAIM: 'preferred_username',
      OIDC_CLIENT_ID: 'petitionflow-web',
    });
    expect(loadConfig({ OIDC_ISSUER: '' }).OIDC_ISSUER).toBeUndefined();
    expect(() => loadConfig({ OIDC_ISSUER: 'sso.bureau.example' })).toThrow(/OIDC_ISSUER/);
  });
});

describe('notice delivery settings', () => {
  it('are all optional, with a backoff and a number of attempts by default', () => {
    const config = loadConfig({});
    expect([config.SMTP_URL, config.SMS_WEBHOOK_URL]).toEqual([undefined, undefined]);
    expect([config.NOTICE_DELIVERY_MAX_ATTEMPTS, config.NOTICE_DELIVERY_BACKOFF_SECONDS]).toEqual([10, 30]);
  });

  it.each([
    [{ SMTP_URL: 'smtp://mail.example:587' }, /MAIL_FROM must be set with SMTP_URL/],
    [{ SMTP_URL: 'mail.example', MAIL_FROM: 'a@b.example' }, /SMTP_URL: must be smtp:/],
    [{ SMS_WEBHOOK_URL: 'ftp://sms.example/send' }, /SMS_WEBHOOK_URL: must be an http\(s\) URL/],
    [{ SMS_WEBHOOK_URL: 'https://sms.example/send', SMS_WEBHOOK_SECRET: 'short' }, /at least 32 characters/],
    [{ NOTICE_CASE_URL: 'https://petitions.example/cases/' }, /NOTICE_CASE_URL: must contain \{id\}/],
    [{ NOTICE_DELIVERY_MAX_ATTEMPTS: '0' }, /NOTICE_DELIVERY_MAX_ATTEMPTS/],
  ])('refuses %j with a message that says what it takes', (env, problem) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(problem);
  });
});
