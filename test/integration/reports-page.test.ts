import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../support/browser';
import { shanghaiToday, startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';
import { removeReportSeed, SEED_QUARTER, seedReportCases } from '../support/report-seed';

/**
 * The reports dashboard in a real headless Chromium against the real API: seeded cases of 2024Q2, the page's
 * figures compared with what the API answers for the same query, the charts drawn, the case panel, the
 * errors, and the A4 print layout. Leaves a screenshot and a PDF in test-artifacts/. The tests run in order
 * on one page, each going on from where the one before left it.
 */

// The callbacks handed to page.evaluate run in the browser; the project's TypeScript has no DOM library.
declare const document: any;
declare const window: any;
declare const sessionStorage: {
  length: number;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
};
const TOKEN_KEY = 'petitionflow.reports.token';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const QUERY = `quarter=${SEED_QUARTER}`;
const CHARTS = ['units', 'channel', 'level', 'domain', 'month'];

let app: TestApp;
let browser: Browser;
let page: Page;
/** Uncaught script errors and Content-Security-Policy refusals seen by the page. */
const scriptProblems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  app = await startTestApp('reports-page');
  await seedReportCases(app.pool);
  page = await browser.newPage();
  page.on('pageerror', (error) => scriptProblems.push(String(error)));
  page.on('console', (message) => {
    if (/Content Security Policy|Uncaught/i.test(message.text())) scriptProblems.push(message.text());
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (app) await removeReportSeed(app.pool);
  await app?.stop();
});

async function apiReport(name: string, query = QUERY) {
  const response = await app.request('supervisor', 'GET', `/api/reports/${name}?${query}`);
  expect(response.status).toBe(200);
  return response.body;
}

const rateText = (rate: { rate: number | null }) =>
  rate.rate === null ? '暂无数据' : `${rate.rate.toFixed(1)}%`;

const textOf = (selector: string) => page.$eval(selector, (node) => node.textContent?.trim() ?? '');
const figureText = (name: string) => textOf(`[data-figure="${name}"]`);
const isShown = (selector: string) =>
  page.$eval(selector, (node) => (node as { checkVisibility(): boolean }).checkVisibility());

async function waitForState(state: string) {
  await page.waitForFunction((expected) => document.body.dataset.state === expected, {}, state);
}

/** Until the page shows the reports of `query` (the form's query, as the page writes it). */
async function waitForReport(query: string) {
  await page.waitForFunction(
    (expected) =>
      document.body.dataset.state === 'ready' &&
      document.getElementById('report')?.dataset.query === expected,
    {},
    query,
  );
}

async function showQuarter(query: { quarter: string; unit?: string }) {
  await page.locator('#quarter').fill(query.quarter);
  await page.locator('#unit').fill(query.unit ?? '');
  await page.click('#period-form button[type="submit"]');
}

/** The series data of the chart drawn in `[data-chart="<name>"]`, read back from ECharts. */
function chartSeries(name: string): Promise<unknown[][]> {
  return page.evaluate((chart) => {
    const container = document.querySelector(`[data-chart="${chart}"]`);
    return window.echarts
      .getInstanceByDom(container)
      .getOption()
      .series.map((s: { data: unknown[] }) => s.data);
  }, name);
}

describe('the reports dashboard', () => {
  it('is served publicly, from this origin only, with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${app.baseUrl}/reports`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/https?:\/\//);
    const echarts = await fetch(`${app.baseUrl}/reports/vendor/echarts.min.js`);
    expect([echarts.status, echarts.headers.get('content-type')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
    expect((await echarts.text()).length).toBeGreaterThan(500_000);
    // The data is not public: the API still wants the token.
    expect((await fetch(`${app.baseUrl}/api/reports/summary?${QUERY}`)).status).toBe(401);
  });

  it("signs in at the embedded OpenID provider's login form (authorization code with PKCE)", async () => {
    await page.goto(`${app.baseUrl}/reports`);
    await waitForState('login');
    expect(await isShown('#login')).toBe(true);
    await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
    const issuer = process.env.TEST_OIDC_ISSUER!;
    expect(page.url().startsWith(`${issuer}/interaction/`)).toBe(true);
    // A wrong password is refused at the provider.
    await page.locator('input[name="login"]').fill('supervisor');
    await page.locator('input[name="password"]').fill('wrong');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await textOf('.error')).toBe('Unknown user or wrong password');
    await page.locator('input[name="password"]').fill('supervisor');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    await waitForState('ready');
    expect(page.url().startsWith(`${app.baseUrl}/reports/`)).toBe(true);
    expect(page.url()).not.toContain('code=');
    // The provider's access token, for this API, kept in the tab's session storage.
    const accessToken = await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);
    const claims = JSON.parse(Buffer.from(accessToken!.split('.')[1]!, 'base64url').toString()) as {
      iss: string;
      aud: string;
      preferred_username: string;
    };
    expect(claims).toMatchObject({ iss: issuer, aud: 'petitionflow-api', preferred_username: 'supervisor' });
    // The current quarter (in China Standard Time) until another is asked for.
    const [year, month] = shanghaiToday().split('-');
    const currentQuarter = `${year}Q${Math.ceil(Number(month) / 3)}`;
    expect(await page.$eval('#quarter', (input) => input.value)).toBe(currentQuarter);
    await waitForReport(`quarter=${currentQuarter}`);
  });

  it('shows the headline figures and the briefing the API gives for the quarter', async () => {
    await showQuarter({ quarter: SEED_QUARTER });
    await waitForReport(QUERY);

    const summary = await apiReport('summary');
    // The seed is what the API counts (so that the comparisons below compare something).
    expect(summary.received).toBe(6);
    expect(summary.satisfaction.rate).toBe(66.7);
    expect(summary.backlog.clearanceRate.rate).toBeNull();

    expect(await figureText('scope')).toBe(summary.scope.name);
    expect(await figureText('period')).toBe(SEED_QUARTER);
    expect(await figureText('as-of')).toBe(summary.asOf);
    const counts: Record<string, number> = {
      received: summary.received,
      firstTime: summary.firstTime.count,
      repeat: summary.repeat.count,
      backlogAtStart: summary.backlog.atStart,
      backlogAtEnd: summary.backlog.atEnd,
      backlogCleared: summary.backlog.cleared,
      caseOwned: summary.caseOwned.count,
      notices: summary.supervision.notices,
      escalations: summary.supervision.escalations,
      listed: summary.supervision.listed,
      noticesAutomatic: summary.supervision.bySource.automatic,
      noticesManual: summary.supervision.bySource.manual,
      noticesJointConference: summary.supervision.bySource.jointConference,
      noticesHigherBureau: summary.supervision.bySource.higherBureau,
      majorUrgentOpen: summary.priority.majorUrgentOpen,
      firstLevelOpen: summary.priority.firstLevelOpen,
      secondLevelOpen: summary.priority.secondLevelOpen,
      // 矛盾纠纷排查 (S41): the summary's screening part.
      screeningRounds: summary.screening.rounds.held,
      screeningFound: summary.screening.disputes.found,
      screeningMediated: summary.screening.disputes.mediated,
      screeningResolved: summary.screening.disputes.resolved,
      screeningPetitions: summary.screening.disputes.becamePetitions,
      screeningOpen: summary.screening.disputes.open,
    };
    for (const [name, value] of Object.entries(counts))
      expect([name, await figureText(name)]).toEqual([name, String(value)]);
    const rates: Record<string, { rate: number | null; numerator: number; denominator: number }> = {
      timelyAcceptance: summary.timelyAcceptance,
      onTimeCompletion: summary.onTimeCompletion,
      participation: summary.participation,
      satisfaction: summary.satisfaction,
      backlogClearance: summary.backlog.clearanceRate,
      caseOwnedOnTime: summary.caseOwned.onTimeCompletion,
    };
    for (const [name, rate] of Object.entries(rates)) {
      expect([name, await figureText(name)]).toEqual([name, rateText(rate)]);
      expect(await figureText(`${name}-detail`)).toBe(`${rate.numerator} / ${rate.denominator} 件`);
    }
    expect(await figureText('backlogClearance')).toBe('暂无数据');
    expect(await figureText('screeningResolutionRate')).toBe(rateText(summary.screening.resolutionRate));
    const { high, medium, low } = summary.screening.disputes.openByRisk;
    expect(await figureText('screeningOpen-detail')).toBe(`高风险 ${high}，中 ${medium}，低 ${low}`);
    expect(await figureText('firstTime-detail')).toBe(`占比 ${summary.firstTime.share.toFixed(1)}%`);

    // 环比 and 同比 under the headline figures, as the API compares them; none under a figure that stands now.
    const changeText = (e: { changePercent?: number | null; changePoints?: number | null }) => {
      const change = e.changePercent ?? e.changePoints ?? null;
      if (change === null) return '无数据';
      if (change === 0) return '持平';
      const sign = change > 0 ? '+' : '−';
      return `${sign}${Math.abs(change).toFixed(1)}${'changePoints' in e ? '个百分点' : '%'}`;
    };
    const { figures } = summary.comparisons;
    for (const [name, compared] of [
      ['received', figures.received],
      ['repeat', figures.repeat.count],
      ['satisfaction', figures.satisfaction.rate],
    ]) {
      expect(await figureText(`${name}-previousPeriod`)).toBe(`环比 ${changeText(compared.previousPeriod)}`);
      expect(await figureText(`${name}-previousYear`)).toBe(`同比 ${changeText(compared.previousYear)}`);
    }
    expect(await page.$('[data-figure="majorUrgentOpen-previousYear"]')).toBeNull();

    expect(await figureText('briefing')).toBe((await apiReport('briefing')).text);
  });

  it('ranks the units and lists the overdue cases as the API does', async () => {
    const byUnit = await apiReport('by-unit');
    const unitRows = await page.$$eval('[data-figure="units"] tr', (rows) =>
      rows.map((row) => ({
        unitId: row.dataset.unitId,
        name: row.querySelector('[data-figure="unit-name"]')?.textContent,
        count: Number(row.querySelector('[data-figure="unit-count"]')?.textContent),
        onTime: row.querySelector('[data-figure="unit-on-time"]')?.textContent,
      })),
    );
    expect(unitRows).toEqual(
      byUnit.rows.map((u: any) => ({
        unitId: u.unitId,
        name: u.name,
        count: u.count,
        onTime: rateText(u.onTimeCompletion),
      })),
    );
    expect(unitRows[0]).toMatchObject({
      unitId: 'qingshan-housing',
      name: '青山县住房和城乡建设局',
      count: 3,
    });

    const backlog = await apiReport('backlog');
    const listed = await page.$$eval('[data-figure="backlog"] a.case-link', (links) =>
      links.map((a) => a.textContent),
    );
    expect(listed).toEqual(backlog.cases.map((c: { petitionId: string }) => c.petitionId));
    expect(listed).toEqual(['XF-2024-900002', 'XF-2024-900004']);
  });

  it('shows each backlog campaign of the quarter with its 化解率, as the API does', async () => {
    const { from, to } = (await apiReport('campaigns')).period;
    const made = await app.request('supervisor', 'POST', '/api/backlog/campaigns', {
      name: '页面测试专项',
      startsOn: from,
      endsOn: to,
      targetRate: 80,
    });
    expect(made.status).toBe(201);
    await showQuarter({ quarter: SEED_QUARTER });
    await waitForReport(QUERY);
    const rows = await page.$$eval('[data-figure="campaigns"] tr', (trs) =>
      trs.map((tr) => ({
        id: tr.dataset.campaignId,
        rate: tr.querySelector('[data-figure="campaign-rate"]')?.textContent,
      })),
    );
    // No entries: "no data", never a division by zero.
    expect(rows).toContainEqual({ id: made.body.id, rate: '暂无数据（0 / 0）' });
  });

  it('draws every chart from the same figures', async () => {
    // Drawn, and as wide as the panel that holds it.
    for (const name of CHARTS) {
      const sizes = await page.$eval(`[data-chart="${name}"]`, (container) => {
        const canvas = container.querySelector('canvas');
        return { pixels: canvas.width * canvas.height, spare: container.clientWidth - canvas.clientWidth };
      });
      expect([name, sizes.pixels > 0, sizes.spare]).toEqual([name, true, 0]);
    }
    const byUnit = await apiReport('by-unit');
    expect(await chartSeries('units')).toEqual([byUnit.rows.map((u: { count: number }) => u.count)]);
    const nonEmpty = (split: { rows: Array<{ label: string; count: number }> }) =>
      split.rows.filter((r) => r.count > 0).map((r) => ({ name: r.label, value: r.count }));
    const pieData = async (name: string) =>
      (await chartSeries(name))[0]!.map((d: any) => ({ name: d.name, value: d.value }));
    expect(await pieData('channel')).toEqual(nonEmpty(await apiReport('by-channel')));
    expect(await pieData('level')).toEqual(nonEmpty(await apiReport('by-level')));
    const domains = (await apiReport('by-domain')).rows.filter((r: { count: number }) => r.count > 0);
    expect(await chartSeries('domain')).toEqual([domains.map((r: { count: number }) => r.count)]);
    const months = (await apiReport('by-month')).rows;
    expect(months.map((m: { month: string }) => m.month)).toEqual(['2024-04', '2024-05', '2024-06']);
    expect(await chartSeries('month')).toEqual([
      months.map((m: { received: number }) => m.received),
      months.map((m: { onTimeCompletion: { rate: number | null } }) => m.onTimeCompletion.rate),
    ]);

    // The tooltip is drawn on the canvas: hovering a chart breaks no rule of the page's policy.
    await page.hover('[data-chart="units"] canvas');

    const screenshot = path.join(ARTIFACTS, 'reports-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(fs.statSync(screenshot).size).toBeGreaterThan(20_000);
    expect(scriptProblems).toEqual([]);
  });

  it('opens a case of the overdue list in the case panel, from the petition API', async () => {
    const id = 'XF-2024-900002';
    await page.click(`[data-figure="backlog"] tr[data-petition-id="${id}"] a`);
    await page.waitForFunction(() => document.getElementById('case-panel')?.dataset.state === 'ready');
    const detail = (await app.request('supervisor', 'GET', `/api/petitions/${id}`)).body;
    expect(await isShown('#case-panel')).toBe(true);
    expect(await textOf('#case-panel [data-field="id"]')).toBe(id);
    expect(await figureText('case-subject')).toBe(detail.subject);
    expect(await figureText('case-status')).toBe('已书面答复');
    expect(detail.status).toBe('replied');
    expect(await figureText('case-handling-unit')).toBe(detail.handlingUnitName ?? detail.handlingUnitId);
    expect(await figureText('case-received-on')).toBe(detail.receivedOn);
    await page.screenshot({ path: path.join(ARTIFACTS, 'reports-page-case.png') });
    await page.click('#case-close');
    expect(await isShown('#case-panel')).toBe(false);
  });

  it('shows the handling unit and the time limits of a case that the workflow keeps', async () => {
    const id = await new PetitionFlow(app).transferred();
    const detail = (await app.request('supervisor', 'GET', `/api/petitions/${id}`)).body;
    expect(detail.deadlines.length).toBeGreaterThan(1);
    // A reload keeps the sign-in (session storage) and the quarter (the address), and opens the linked case.
    await page.goto(`${app.baseUrl}/reports?${QUERY}#/cases/${id}`);
    await waitForReport(QUERY);
    await page.waitForFunction(
      (caseId) =>
        document.getElementById('case-panel')?.dataset.state === 'ready' &&
        document.querySelector('#case-panel [data-field="id"]')?.textContent === caseId,
      {},
      id,
    );
    expect(await figureText('case-handling-unit')).toBe('青山县住房和城乡建设局');
    expect(detail.handlingUnitName).toBe('青山县住房和城乡建设局');
    expect(await figureText('case-status')).toBe('已转送，待受理');
    expect(await figureText('case-next-deadline')).toContain(detail.nextDeadline.dueAt.slice(0, 10));
    const rows = await page.$$eval('#case-panel [data-deadline]', (cells) =>
      cells.map((row) => [row.dataset.deadline, row.children[1].textContent]),
    );
    expect(rows).toEqual(detail.deadlines.map((d: { key: string; dueDate: string }) => [d.key, d.dueDate]));
    expect(await textOf('#case-panel [data-deadline="route"] td')).toBe('登记转送（D1）');
    await page.click('#case-close');
  });

  it('lays the page out for A4 paper when printed', async () => {
    await page.emulateMediaType('print');
    expect(await isShown('#period-form')).toBe(false);
    expect(await isShown('[data-figure="headline"]')).toBe(true);
    // Paper shows a picture of each chart, which scales to the page's width.
    for (const name of CHARTS) {
      expect([name, await isShown(`[data-chart="${name}"]`)]).toEqual([name, false]);
      const picture = await page.$eval(`img[data-print-of="${name}"]`, (image) => ({
        shown: image.checkVisibility(),
        png: image.src.startsWith('data:image/png;base64,'),
        drawn: image.naturalWidth > 0,
      }));
      expect([name, picture]).toEqual([name, { shown: true, png: true, drawn: true }]);
    }
    // page.pdf prints with the print stylesheet (unless screen media is emulated).
    await page.emulateMediaType();
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    fs.writeFileSync(path.join(ARTIFACTS, 'reports-page.pdf'), pdf);
    // A4 is 595.3 × 841.9 points; the page size comes from the stylesheet's @page rule.
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(boxes.length).toBeGreaterThan(0);
    for (const [, width, height] of boxes) {
      expect(Math.abs(Number(width) - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(Number(height) - 841.9)).toBeLessThan(1.5);
    }
  });

  it("shows the API's refusal, asks to sign in again when the token is refused, and signs out", async () => {
    await showQuarter({ quarter: SEED_QUARTER, unit: 'yunzhou-housing' });
    await waitForState('error');
    const refusal = await app.request(
      'supervisor',
      'GET',
      `/api/reports/summary?${QUERY}&unit=yunzhou-housing`,
    );
    expect(refusal.status).toBe(403);
    expect(await figureText('message')).toBe(`无权查看：${refusal.body.error.message}`);
    expect(await isShown('#report')).toBe(false);

    // A quarter the API does not take (the form refuses it; an address can still carry it).
    await page.goto(`${app.baseUrl}/reports?quarter=2024Q5`);
    await waitForState('error');
    const invalid = await app.request('supervisor', 'GET', '/api/reports/summary?quarter=2024Q5');
    expect(invalid.status).toBe(422);
    expect(await figureText('message')).toBe(`查询条件有误：${invalid.body.error.message}`);

    await page.evaluate((key) => sessionStorage.setItem(key, 'not-a-token'), TOKEN_KEY);
    await showQuarter({ quarter: SEED_QUARTER });
    await waitForState('login');
    expect(await isShown('#login')).toBe(true);
    expect(await isShown('#dashboard')).toBe(false);
    expect(await figureText('message')).toContain('请重新登录');
    await page.waitForFunction(() => sessionStorage.length === 0);

    // The provider's session is still open: signing in again asks for no password.
    await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
    await waitForState('ready');
    // Signing out ends the provider's session too (it asks first), and comes back here.
    await Promise.all([page.waitForNavigation(), page.click('#logout')]);
    await Promise.all([page.waitForNavigation(), page.click('button[name="logout"]')]);
    await waitForState('login');
    expect(page.url()).toBe(`${app.baseUrl}/reports/`);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
    expect(await page.$('input[name="password"]')).not.toBeNull();
    expect(scriptProblems).toEqual([]);
  });
});
