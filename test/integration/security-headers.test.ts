import type { Browser } from 'puppeteer-core';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/harness';

/** F13: API answers are never cached or sniffed; the API docs keep a strict policy and still work. */
let app: TestApp;
let browser: Browser | undefined;

beforeAll(async () => {
  app = await startTestApp('security-headers');
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('marks every API answer no-store and nosniff, refusals included', async () => {
  for (const response of [
    await app.request('registrar', 'GET', '/api/petitions'),
    await app.request(undefined, 'GET', '/api/petitions'),
    await app.request('registrar', 'GET', '/api/petitions/XF-1999-000001'),
  ]) {
    expect([response.headers.get('cache-control'), response.headers.get('x-content-type-options')]).toEqual([
      'no-store',
      'nosniff',
    ]);
  }
});

it('serves the API docs with a policy that forbids framing, and Swagger UI still renders under it', async () => {
  const response = await fetch(`${app.baseUrl}/docs/`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  browser = await launchChromium();
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${app.baseUrl}/docs/`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('.swagger-ui .opblock', { timeout: 15_000 });
  expect(await page.$$eval('.swagger-ui .opblock', (blocks) => blocks.length)).toBeGreaterThan(10);
  expect(violations).toEqual([]);
});
