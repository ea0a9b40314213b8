import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { DOCX_TYPE } from '../../src/domain/reports/documents/media-types';
import { launchChromium } from '../support/browser';
import { seedDocumentRegisters } from '../support/document-register-seed';
import { documentSeed, removeDocumentSeed, seedDocumentCases } from '../support/document-seed';
import { startTestApp, type TestApp } from '../support/harness';

/**
 * The monthly situation analysis page (/reports/analysis) in a real headless Chromium against the real API,
 * over a fixed dataset of 2020 (document-seed): signing in from it and coming back to it, its figures against
 * the API's for the same month, its chart, the Word download, the print layout. Leaves a screenshot and a PDF
 * in test-artifacts/. The tests run in order on one page.
 */

// The callbacks handed to page.evaluate run in the browser; the project's TypeScript has no DOM library.
declare const document: any;
declare const window: any;

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const SEED = documentSeed(2020);
const QUERY = `month=${SEED.month}&asOf=${SEED.asOf}`;

let app: TestApp;
let browser: Browser;
let page: Page;
const scriptProblems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  app = await startTestApp('analysis-page');
  await seedDocumentCases(app.pool, SEED);
  await seedDocumentRegisters(app.pool);
  page = await browser.newPage();
  page.on('pageerror', (error) => scriptProblems.push(String(error)));
  page.on('console', (message) => {
    if (/Content Security Policy|Uncaught/i.test(message.text())) scriptProblems.push(message.text());
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (app) await removeDocumentSeed(app.pool, SEED);
  await app?.stop();
});

const textOf = (selector: string) => page.$eval(selector, (node) => node.textContent?.trim() ?? '');
const figureText = (name: string) => textOf(`[data-figure="${name}"]`);

async function waitForState(state: string) {
  await page.waitForFunction((expected) => document.body.dataset.state === expected, {}, state);
}

async function apiAnalysis(query = QUERY) {
  const response = await app.request('supervisor', 'GET', `/api/reports/analysis?${query}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe('the monthly situation analysis page', () => {
  it('is served publicly under /reports with the dashboard’s strict Content-Security-Policy', async () => {
    const response = await fetch(`${app.baseUrl}/reports/analysis`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('signs in at the provider and comes back to the analysis of the month asked for', async () => {
    await page.goto(`${app.baseUrl}/reports/analysis?${QUERY}`);
    await waitForState('login');
    await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
    expect(page.url().startsWith(`${process.env.TEST_OIDC_ISSUER!}/interaction/`)).toBe(true);
    await page.locator('input[name="login"]').fill('supervisor');
    await page.locator('input[name="password"]').fill('supervisor');
    // The provider sends the browser to the dashboard's address, which sends it on to the analysis.
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => window.location.pathname === '/reports/analysis', { timeout: 30_000 });
    await waitForState('ready');
    expect(new URL(page.url()).search).toBe(`?${QUERY}`);
    expect(await page.$eval('#month', (input) => input.value)).toBe(SEED.month);
  });

  it('shows the figures, the rising matters and the clusters the API gives for the month', async () => {
    const analysis = await apiAnalysis();
    expect(analysis.figures.received).toBe(6);
    expect(await figureText('scope')).toBe(analysis.scope.name);
    expect(await figureText('period')).toBe(SEED.month);
    expect(await figureText('as-of')).toBe(SEED.asOf);
    expect(await figureText('analysis-text')).toBe(analysis.text);
    expect(await figureText('received')).toBe('6');
    expect(await figureText('firstTime')).toBe(String(analysis.figures.firstTime.count));
    const rising = await page.$$eval('[data-figure="rising"] tr', (rows) =>
      rows.map((row) => [row.dataset.key, ...[...row.children].map((cell: any) => cell.textContent)]),
    );
    expect(rising).toEqual([
      ['urban-construction.land-expropriation', '征地拆迁', '3', '0', '+3', '上月无'],
      ['labour-and-social-security.migrant-worker-wages', '拖欠农民工工资', '2', '1', '+1', '100.0%'],
    ]);
    const clusters = await page.$$eval('[data-figure="clusters"] tr', (rows) =>
      rows.map((row) => [...row.children].map((cell: any) => cell.textContent)),
    );
    expect(clusters).toEqual(
      analysis.clusters.rows.map((c: any) => [
        c.label,
        c.unitName,
        String(c.count),
        c.petitionIds.join('、'),
      ]),
    );
    expect(clusters.map((c) => c[2])).toEqual(['3', '2']);
    expect(await figureText('cluster-rule')).toBe(`认定规则：${analysis.clusters.rule}。`);
  });

  it('shows the month’s group visits and the backlog campaign’s progress', async () => {
    // document-register-seed, 2020: a group visit of 10 on 9-06, none in August; 1 of 2 entries resolved by 9-30.
    expect(await figureText('group-visits')).toBe('本月1批10人次；上月0批0人次。');
    expect(await figureText('campaigns-as-of')).toBe('2020-09-30');
    const campaigns = await page.$$eval('[data-figure="campaigns"] tr', (rows) =>
      rows.map((row) => [...row.children].map((cell: any) => cell.textContent)),
    );
    expect(campaigns).toEqual([
      ['积案化解年', '2020-07-01 至 2020-10-31', '2', '1', '50.0%（1 / 2）', '50.0%', '已达标'],
    ]);
    expect(await figureText('analysis-text')).toContain(
      '本月接待集体访1批10人次（上月无）。积案化解专项攻坚中，“积案化解年”列入台账2件，已化解1件，化解率50.0%（目标50.0%，已达标）。',
    );
  });

  it('draws the twelve months’ trend from the same figures', async () => {
    const analysis = await apiAnalysis();
    const series = await page.evaluate(() => {
      const container = document.querySelector('[data-chart="trend"]');
      return window.echarts
        .getInstanceByDom(container)
        .getOption()
        .series.map((s: { data: unknown[] }) => s.data);
    });
    expect(series[0]).toEqual(analysis.trend.rows.map((r: { received: number }) => r.received));
    expect(series[0]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 6]);
    const screenshot = path.join(ARTIFACTS, 'analysis-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(fs.statSync(screenshot).size).toBeGreaterThan(20_000);
    expect(scriptProblems).toEqual([]);
  });

  it('downloads the month as Word with the token', async () => {
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) =>
          r.url().includes('/api/reports/analysis') &&
          r.request().method() === 'GET' &&
          r.headers()['content-type'] === DOCX_TYPE,
      ),
      page.click('#download-docx'),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toBe(
      `attachment; filename="analysis-qingshan-petition-bureau-${SEED.month}.docx"`,
    );
    expect(scriptProblems).toEqual([]);
  });

  it('prints on A4 with a picture of the chart', async () => {
    await page.emulateMediaType('print');
    const picture = await page.$eval('img[data-print-of="trend"]', (image) => ({
      shown: image.checkVisibility(),
      png: image.src.startsWith('data:image/png;base64,'),
    }));
    expect(picture).toEqual({ shown: true, png: true });
    await page.emulateMediaType();
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    fs.writeFileSync(path.join(ARTIFACTS, 'analysis-page.pdf'), pdf);
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(boxes.length).toBeGreaterThan(0);
    // A4 is 595.3 × 841.9 points (the stylesheet's @page rule).
    for (const [, width, height] of boxes) {
      expect(Math.abs(Number(width) - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(Number(height) - 841.9)).toBeLessThan(1.5);
    }
  });

  it('says 本期无数据 for a month with no cases, and shows the API’s refusal of a bad month', async () => {
    await page.goto(`${app.baseUrl}/reports/analysis?month=2020-02&asOf=${SEED.asOf}`);
    await waitForState('ready');
    expect(await figureText('analysis-text')).toBe('2020年2月，青山县信访局受理信访事项0件。本期无数据。');
    expect(await textOf('[data-figure="rising"] td.empty')).toBe('本期无数据');
    expect(await textOf('[data-figure="clusters"] td.empty')).toBe('本期无数据');
    await page.goto(`${app.baseUrl}/reports/analysis?month=2020-13`);
    await waitForState('error');
    const refusal = await app.request('supervisor', 'GET', '/api/reports/analysis?month=2020-13');
    expect(refusal.status).toBe(422);
    expect(await figureText('message')).toBe(`查询条件有误：${refusal.body.error.message}`);
    expect(scriptProblems).toEqual([]);
  });
});
