import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { ensureWorkbenchBuilt } from '../../src/runtime/workbench-build';
import { launchChromium } from '../support/browser';
import { addDays } from '../../src/rules/dates';
import { shanghaiToday, startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';
import {
  ARTIFACTS,
  choose,
  dialogsClosed,
  fill,
  fillDate,
  pageUntil,
  firstPaint,
  offeredCommands,
  openAction,
  personPage,
  screenshot,
  seriousViolations,
  signIn,
  submitAction,
  textOf,
  waitForCase,
  waitForFile,
  waitForPath,
} from '../support/workbench';

/**
 * The staff workbench in a real headless Chromium against the real API, Temporal and PostgreSQL, each person
 * in a browser context of their own signed in at the run's OpenID provider: the README's walk-through by
 * clicking — register and route, accept and ask for more time, approve it from the inbox, reply — a 督办 the
 * joint-conference office lists, a stale tab refused, an accessibility check of each page, and screenshots in
 * test-artifacts/workbench/. The tests run in order, each going on from where the one before left it.
 */

let app: TestApp;
let flow: PetitionFlow;
let browser: Browser;
/** Uncaught script errors and Content-Security-Policy refusals seen by any page. */
const problems: string[] = [];
const pages: Record<string, Page> = {};
let caseId = '';
/** The files the tests upload, and the browser's downloads. */
const UPLOADS = path.join(ARTIFACTS, 'files');

beforeAll(async () => {
  ensureWorkbenchBuilt();
  fs.rmSync(UPLOADS, { recursive: true, force: true });
  fs.mkdirSync(UPLOADS, { recursive: true });
  browser = await launchChromium();
  app = await startTestApp('workbench');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(() => {
  expect(problems).toEqual([]);
});

const statusOf = async (id: string) =>
  (await app.pool.query<{ status: string }>('SELECT status FROM petitions WHERE id = $1', [id])).rows[0]
    ?.status;

async function page(login: string): Promise<Page> {
  pages[login] ??= await personPage(browser, problems);
  return pages[login];
}

async function accessible(p: Page) {
  expect(await seriousViolations(p)).toEqual([]);
}

describe('the workbench', () => {
  it('signs the registrar in (authorization code with PKCE) and shows who is signed in', async () => {
    const registrar = await page('registrar');
    await registrar.goto(`${app.baseUrl}/queue`);
    await registrar.waitForSelector('#sign-in');
    const paint = await firstPaint(registrar);
    process.stderr.write(`[workbench] first contentful paint of the sign-in page: ${paint?.toFixed(0)} ms\n`);
    expect(paint).toBeGreaterThan(0);
    await signIn(registrar, app.baseUrl, 'registrar');
    expect(await textOf(registrar, '[data-testid="who"] .name')).toBe('王敏');
    expect(await textOf(registrar, '[data-testid="who"]')).toContain('登记员');
    expect(registrar.url()).not.toContain('code=');
    // A signed-in load of the queue (the bundle from the cache's cold start: a new context's first load is above).
    await registrar.goto(`${app.baseUrl}/queue`);
    await registrar.waitForSelector('.shell[data-state="ready"]');
    const signedIn = await firstPaint(registrar);
    process.stderr.write(
      `[workbench] first contentful paint of the queue, signed in: ${signedIn?.toFixed(0)} ms\n`,
    );
    await accessible(registrar);
    await screenshot(registrar, 'queue-registrar');
  });

  it('registers a petition through the generated form, showing the field the server refused', async () => {
    const registrar = await page('registrar');
    await registrar.click('[data-nav="register"]');
    await waitForPath(registrar, '/register');
    await registrar.waitForSelector('[data-field="subject"]');
    await choose(registrar, 'channel', '来访');
    await choose(registrar, 'category', '申诉求决');
    await choose(registrar, 'domain', '城乡建设 / 物业管理');
    await fill(registrar, 'subject', '小区电梯长期停运');
    await fill(registrar, 'description', '3号楼电梯自8月起停运，多次反映未果。');
    await fill(registrar, 'petitioner.name', '张三');
    await fill(registrar, 'petitioner.phone', '13800000000');
    // A date after today: the server refuses it, and the refusal shows on the date field.
    await fillDate(registrar, 'receivedOn', '2999-01-01');
    await registrar.click('[data-testid="register-form"] [data-submit]');
    await registrar.waitForSelector('[data-field="receivedOn"] .el-form-item__error');
    expect(await textOf(registrar, '.server-error')).toContain('validation_failed');
    await fillDate(registrar, 'receivedOn', shanghaiToday());
    await accessible(registrar);
    await screenshot(registrar, 'register');
    await registrar.click('[data-testid="register-form"] [data-submit]');
    await waitForPath(registrar, /^\/cases\/XF-/);
    caseId = registrar.url().split('/cases/')[1]!;
    await waitForCase(registrar, caseId, 'registered');
    expect(await statusOf(caseId)).toBe('registered');
  });

  it('routes it from the case page: only what the registrar may do is offered', async () => {
    const registrar = await page('registrar');
    expect(await offeredCommands(registrar)).toContain('route');
    expect(await offeredCommands(registrar)).not.toContain('accept');
    await openAction(registrar, 'route');
    await choose(registrar, 'unitId', '青山县住房和城乡建设局');
    await submitAction(registrar);
    await waitForCase(registrar, caseId, 'transferred');
    expect(await statusOf(caseId)).toBe('transferred');
    await accessible(registrar);
    await screenshot(registrar, 'case-routed');
  });

  it('shows the petitioner’s earlier cases as the person is typed in at registration', async () => {
    const registrar = await page('registrar');
    await registrar.click('[data-nav="register"]');
    await waitForPath(registrar, '/register');
    await registrar.waitForSelector('[data-field="petitioner.name"]');
    await fill(registrar, 'petitioner.name', '张三');
    await fill(registrar, 'petitioner.phone', '13800000000');
    await registrar.waitForSelector(`[data-testid="earlier-cases"] a[href="/cases/${caseId}"]`);
    await screenshot(registrar, 'register-earlier-cases');
  });

  it('puts it in the handler’s queue; the handler accepts it and asks for more time', async () => {
    const handler = await page('handler');
    await signIn(handler, app.baseUrl, 'handler');
    // The queue is paged on the server; other tests' cases of the same unit may come first.
    await handler.waitForSelector('[data-testid="queue"] .el-table__row');
    await pageUntil(handler, `[data-testid="queue"] a[href="/cases/${caseId}"]`, '[data-testid="next-page"]');
    await accessible(handler);
    await screenshot(handler, 'queue-handler');
    await handler.click(`[data-testid="queue"] a[href="/cases/${caseId}"]`);
    await waitForCase(handler, caseId, 'transferred');
    await openAction(handler, 'accept');
    await submitAction(handler);
    await waitForCase(handler, caseId, 'accepted');
    expect(await statusOf(caseId)).toBe('accepted');
    await openAction(handler, 'requestExtension');
    await fill(handler, 'days', '15');
    await fill(handler, 'reason', '需委托第三方检测电梯安全状况，检测周期较长。');
    await submitAction(handler);
    await handler.waitForSelector('[data-testid="extensions"]');
    const { rows } = await app.pool.query(
      `SELECT case_state->'extensions'->0->>'status' AS status FROM petitions WHERE id = $1`,
      [caseId],
    );
    expect(rows[0].status).toBe('pending');
    await accessible(handler);
    await screenshot(handler, 'case-handler');
  });

  it('lets the unit head approve the extension from the inbox', async () => {
    const head = await page('unit-head');
    await signIn(head, app.baseUrl, 'unit-head', '/inbox');
    await head.waitForSelector('[data-testid="inbox"] [data-open]');
    // The request of this case (the run's other tests write to the same inbox meanwhile: it may be further on).
    const request = `[data-testid="inbox"] [data-case="${caseId}"][data-kind="extension-request"]`;
    await pageUntil(head, request, '[data-testid="older"]');
    expect(await head.$eval(request, (cell: any) => cell.closest('tr').textContent)).toContain('延期申请');
    await accessible(head);
    await screenshot(head, 'inbox');
    await head.click(`${request} [data-open]`);
    await waitForCase(head, caseId, 'accepted');
    await openAction(head, 'approveExtension');
    await submitAction(head);
    await head.waitForFunction(() => !document.querySelector('aside [data-command="approveExtension"]'));
    const { rows } = await app.pool.query(
      `SELECT case_state->'extensions'->0->>'status' AS status FROM petitions WHERE id = $1`,
      [caseId],
    );
    expect(rows[0].status).toBe('approved');
  });

  it('lets the handler reply in writing', async () => {
    const handler = await page('handler');
    await handler.goto(`${app.baseUrl}/cases/${caseId}`);
    await waitForCase(handler, caseId, 'accepted');
    // By the keyboard: the action's button takes the focus and Enter opens its form.
    await handler.focus('aside [data-command="reply"]');
    await handler.keyboard.press('Enter');
    await handler.waitForSelector('.action-dialog [data-form="reply"]', { visible: true });
    await choose(handler, 'outcome', '支持');
    await fill(handler, 'opinion', '经核查，已责成物业公司于两周内完成电梯维修。');
    await submitAction(handler);
    await waitForCase(handler, caseId, 'replied');
    expect(await statusOf(caseId)).toBe('replied');
  });

  it('keeps the written reply and the work log with their files, which download as they were sent', async () => {
    const handler = await page('handler');
    const reply = '[data-testid="documents"] [data-document="reply-opinion"]';
    expect(await textOf(handler, reply)).toContain('已责成物业公司于两周内完成电梯维修');
    // The signed and sealed copy of the reply, attached to the reply itself.
    const signed = path.join(UPLOADS, '答复意见书（签发件）.pdf');
    fs.writeFileSync(signed, '%PDF-1.4\n% the signed reply\n%%EOF\n');
    await (await handler.$(`${reply} input[type="file"]`))!.uploadFile(signed);
    await handler.waitForSelector(`${reply} [data-attachment]`);
    const { rows: onReply } = await app.pool.query(
      `SELECT a.file_name FROM case_attachments a JOIN petitions p ON p.id = a.petition_id
        WHERE a.petition_id = $1 AND a.document_id = p.case_state->'reply'->>'opinionDocumentId'`,
      [caseId],
    );
    expect(onReply).toEqual([{ file_name: '答复意见书（签发件）.pdf' }]);
    // A work log entry, and a photo of the site attached to it.
    await dialogsClosed(handler);
    await handler.click('[aria-labelledby="log-title"] [data-command="addLogEntry"]');
    await handler.waitForSelector('.action-dialog [data-form="addLogEntry"]', { visible: true });
    await choose(handler, 'kind', '实地查看');
    await fillDate(handler, 'occurredOn', shanghaiToday());
    await fill(handler, 'text', '到3号楼现场查看，电梯已恢复运行。');
    await submitAction(handler);
    await handler.waitForSelector('[data-testid="work-log"] [data-entry]');
    const photo = path.join(UPLOADS, 'site.png');
    fs.writeFileSync(photo, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    await (await handler.$('[data-testid="work-log"] [data-entry] input[type="file"]'))!.uploadFile(photo);
    await handler.waitForSelector('[data-testid="work-log"] [data-entry] [data-attachment]');
    const { rows: onLog } = await app.pool.query(
      `SELECT a.media_type FROM case_attachments a JOIN case_log_entries e ON e.id = a.log_entry_id
        WHERE a.petition_id = $1`,
      [caseId],
    );
    expect(onLog).toEqual([{ media_type: 'image/png' }]);
    // Who acted, by name (the logins looked up once): the log's author and the timeline's actors.
    await handler.waitForFunction(() =>
      document.querySelector('[data-testid="work-log"]').textContent.includes('赵磊'),
    );
    expect(await textOf(handler, '[data-testid="timeline"]')).toContain('（王敏）');
    await accessible(handler);
    await screenshot(handler, 'case-documents');
    // The download carries the user's token (a plain link cannot): the file arrives as it was sent.
    const downloads = path.join(UPLOADS, 'downloads');
    fs.mkdirSync(downloads, { recursive: true });
    const cdp = await handler.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', {
      behavior: 'allow',
      downloadPath: downloads,
      browserContextId: handler.browserContext().id,
    });
    await handler.click(`${reply} [data-attachment]`);
    const saved = path.join(downloads, '答复意见书（签发件）.pdf');
    await waitForFile(saved);
    expect(fs.readFileSync(saved)).toEqual(fs.readFileSync(signed));
    await cdp.detach();
  });

  it('finds the case by the search’s conditions, kept in the address', async () => {
    const registrar = await page('registrar');
    await registrar.click('[data-nav="search"]');
    await waitForPath(registrar, '/search');
    await registrar.locator('[data-testid="more-conditions"]').click();
    await registrar.locator('[data-condition="petitionerName"] input').fill('张三');
    await registrar.locator('[data-condition="receivedFrom"] input').fill(shanghaiToday());
    await registrar.locator('[data-condition="receivedTo"] input').fill(shanghaiToday());
    await registrar.locator('input[data-condition="q"]').fill('电梯');
    await registrar.click('[data-testid="search"] button[type="submit"]');
    const found = `[data-testid="search-results"] a[href="/cases/${caseId}"]`;
    await registrar.waitForFunction(() => window.location.search.includes('petitionerName'));
    // The one case of this run with that petitioner, received today (not the first, unfiltered page).
    await registrar.waitForFunction(() =>
      document.querySelector('[data-testid="search-total"]')?.textContent.includes('共 1 件'),
    );
    await registrar.waitForSelector(found);
    await accessible(registrar);
    await screenshot(registrar, 'search');
    // A reload (or a link sent on) runs the same search.
    await registrar.reload();
    await registrar.waitForFunction(
      () => document.querySelector('[data-condition="petitionerName"] input')?.value === '张三',
    );
    await registrar.waitForFunction(() =>
      document.querySelector('[data-testid="search-total"]')?.textContent.includes('共 1 件'),
    );
    await registrar.waitForSelector(found);
    // Dates the wrong way round: the server's refusal shows on the field it names.
    await registrar.locator('[data-condition="receivedFrom"] input').fill(addDays(shanghaiToday(), 1));
    await registrar.click('[data-testid="search"] button[type="submit"]');
    await registrar.waitForSelector('[data-condition="receivedFrom"] .el-form-item__error');
    expect(await textOf(registrar, '[data-condition="receivedFrom"] .el-form-item__error')).toContain(
      'receivedFrom is after receivedTo',
    );
  });

  it('lets the bureau open a 督办 on another case, which the joint-conference office lists', async () => {
    const other = await flow.accepted();
    const supervisor = await page('supervisor');
    await signIn(supervisor, app.baseUrl, 'supervisor', `/cases/${other}`);
    await waitForCase(supervisor, other, 'accepted');
    await openAction(supervisor, 'supervise');
    await choose(supervisor, 'ground', '拖延');
    await fill(supervisor, 'note', '该事项受理后至今未开展调查，请于三十日内书面反馈整改情况。');
    await submitAction(supervisor);
    await supervisor.waitForSelector('[data-testid="case-supervision"]');
    const { rows } = await app.pool.query(
      'SELECT level, status FROM supervision_items WHERE petition_id = $1',
      [other],
    );
    expect(rows).toEqual([expect.objectContaining({ status: 'open' })]);
    // 包案: the leader and the handler are chosen by name from the case's own lists.
    await openAction(supervisor, 'setCaseOwner');
    await choose(supervisor, 'leader', '陈静（青山县住房和城乡建设局）');
    await choose(supervisor, 'handler', '赵磊（青山县住房和城乡建设局）');
    await fill(supervisor, 'task', '包案化解，督促承办单位三十日内办结。');
    await fillDate(supervisor, 'targetDate', addDays(shanghaiToday(), 30));
    await submitAction(supervisor);
    await dialogsClosed(supervisor);
    const owner = await app.pool.query(
      `SELECT case_state->'caseOwner'->>'leader' AS leader, case_state->'caseOwner'->>'handler' AS handler
         FROM petitions WHERE id = $1`,
      [other],
    );
    expect(owner.rows[0]).toEqual({ leader: 'unit-head', handler: 'handler' });
    const jco = await page('jco');
    await signIn(jco, app.baseUrl, 'jco', '/supervision');
    await jco.waitForSelector(`[data-testid="supervision"] a[href="/cases/${other}"]`);
    await accessible(jco);
    await screenshot(jco, 'supervision-jco');
  });

  it('shows the server’s refusal in a stale tab', async () => {
    const id = await flow.transferred();
    const handler = await page('handler');
    // A second tab of the same person (a case opened in a new tab): it signs in by itself, the provider's
    // session answering without a click or a password, and lands on the case it was opened at.
    const second = await handler.browserContext().newPage();
    await second.setViewport({ width: 1280, height: 800 });
    second.setDefaultTimeout(10_000);
    await handler.goto(`${app.baseUrl}/cases/${id}`);
    await second.goto(`${app.baseUrl}/cases/${id}`);
    await second.waitForSelector('.shell[data-state="ready"]');
    await waitForCase(second, id, 'transferred');
    expect(new URL(second.url()).pathname).toBe(`/cases/${id}`);
    // Each tab in front while it is used: a tab behind another gets no animation frames.
    await handler.bringToFront();
    await waitForCase(handler, id, 'transferred');
    await openAction(handler, 'accept');
    await submitAction(handler);
    await waitForCase(handler, id, 'accepted');
    // The second tab still offers acceptance; the server refuses it and the page says why.
    await second.bringToFront();
    await openAction(second, 'accept');
    await submitAction(second);
    await second.waitForSelector('.action-dialog .server-error');
    expect(await textOf(second, '.action-dialog .server-error')).toMatch(/transition_not_allowed|HTTP 409/);
    await screenshot(second, 'stale-tab-refused');
    await second.close();
    await handler.bringToFront();
  });

  it('opens the reports dashboard with the same sign-in', async () => {
    const supervisor = await page('supervisor');
    await supervisor.goto(`${app.baseUrl}/queue`);
    await supervisor.waitForSelector('.shell[data-state="ready"]');
    await Promise.all([supervisor.waitForNavigation(), supervisor.click('.reports-link')]);
    await supervisor.waitForFunction(() => document.body.dataset.state === 'ready');
    expect(supervisor.url().startsWith(`${app.baseUrl}/reports/`)).toBe(true);
    expect(await supervisor.$eval('#login', (login: any) => login.checkVisibility())).toBe(false);
  });

  it('fits a tablet: nothing wider than the screen', async () => {
    const handler = await page('handler');
    await handler.setViewport({ width: 768, height: 1024 });
    await handler.goto(`${app.baseUrl}/cases/${caseId}`);
    await waitForCase(handler, caseId, 'replied');
    const [scrollWidth, innerWidth] = await handler.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await screenshot(handler, 'case-tablet');
    await handler.setViewport({ width: 1280, height: 800 });
  });

  it('prints a case on A4 without the navigation and the buttons', async () => {
    const handler = await page('handler');
    await handler.goto(`${app.baseUrl}/cases/${caseId}`);
    await waitForCase(handler, caseId, 'replied');
    await handler.emulateMediaType('print');
    expect(await handler.$eval('aside', (a: any) => a.checkVisibility())).toBe(false);
    await handler.pdf({ path: path.join(ARTIFACTS, 'case.pdf'), format: 'A4' });
    await handler.emulateMediaType('screen');
    await screenshot(handler, 'case-replied');
  });

  it('signs out at the provider; a new tab then asks for a sign-in again', async () => {
    const handler = await page('handler');
    await Promise.all([handler.waitForNavigation(), handler.click('[data-testid="sign-out"]')]);
    await Promise.all([handler.waitForNavigation(), handler.click('button[name="logout"]')]);
    await handler.waitForSelector('#sign-in');
    const tab = await handler.browserContext().newPage();
    await tab.goto(`${app.baseUrl}/queue`);
    await tab.waitForSelector('#sign-in');
    expect(await tab.$('.shell[data-state="ready"]')).toBeNull();
    await tab.close();
  });
});

declare const document: any;
declare const window: any;
