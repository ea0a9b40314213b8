import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';

/**
 * Driving the workbench in a real Chromium: signing in at the run's OpenID provider, filling the forms the
 * OpenAPI document generates (Element Plus controls), the accessibility check and the screenshots.
 */

// The callbacks handed to page.evaluate run in the browser; the project's TypeScript has no DOM library.
declare const document: any;
declare const window: any;
declare const performance: any;

export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'workbench');

/** A page of its own browser context (its own cookies and session storage: another person), watched. */
export async function personPage(browser: Browser, problems: string[]): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (/Content Security Policy|Uncaught/i.test(message.text())) problems.push(message.text());
  });
  return page;
}

/** Signs in at the provider's login form (the demo's password is the login) and waits for the app. */
export async function signIn(page: Page, baseUrl: string, login: string, at = '/queue'): Promise<void> {
  await page.goto(`${baseUrl}${at}`);
  await page.waitForSelector('#sign-in');
  await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(login);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await page.waitForSelector('.shell[data-state="ready"]');
}

/** Until the app's router shows `pathname`. */
export async function waitForPath(page: Page, pathname: string | RegExp): Promise<void> {
  const source =
    pathname instanceof RegExp ? pathname.source : `^${pathname.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}$`;
  await page.waitForFunction((pattern) => new RegExp(pattern).test(window.location.pathname), {}, source);
}

/** Types into the generated field at `field` (its body path: `petitioner.name`). */
export async function fill(page: Page, field: string, value: string): Promise<void> {
  const input = `[data-field="${field}"] input, [data-field="${field}"] textarea`;
  await page.locator(input).fill(value);
}

/** Sets a generated date field (a native date input) to `date` (YYYY-MM-DD). */
export async function fillDate(page: Page, field: string, date: string): Promise<void> {
  await page.locator(`[data-field="${field}"] input[type="date"]`).fill(date);
}

/**
 * Chooses the option labelled `label` in the generated select at `field`: in that select's own list (the
 * combobox's `aria-controls`), since another select's list may still be fading out with the same names in it.
 */
export async function choose(page: Page, field: string, label: string): Promise<void> {
  const combobox = `[data-field="${field}"] input[role="combobox"]`;
  await page.click(`[data-field="${field}"] .el-select__wrapper`);
  const listId = await page.$eval(combobox, (input: any) => input.getAttribute('aria-controls') as string);
  // Found and clicked in one step: polling stops at the first click.
  await page.waitForFunction(
    (id, text) => {
      const option = [
        ...(document.getElementById(id)?.querySelectorAll('.el-select-dropdown__item') ?? []),
      ].find((item: any) => item.checkVisibility() && item.textContent.trim() === text);
      option?.click();
      return !!option;
    },
    {},
    listId,
    label,
  );
  // Chosen: the select shows it.
  await page.waitForFunction(
    (selector, text) => document.querySelector(selector)?.textContent.includes(text),
    {},
    `[data-field="${field}"] .el-select__selection`,
    label,
  );
}

/** The case page of `id`, once it shows the case in `status`. */
export async function waitForCase(page: Page, id: string, status?: string): Promise<void> {
  const selector = status ? `[data-case="${id}"][data-status="${status}"]` : `[data-case="${id}"]`;
  await page.waitForSelector(selector);
}

/** The commands the case page offers (its action buttons). */
export function offeredCommands(page: Page): Promise<string[]> {
  return page.$$eval('aside [data-command]', (buttons) => buttons.map((b: any) => b.dataset.command));
}

/** Opens the form of `command` on the case page; answers once its dialog shows. */
export async function openAction(page: Page, command: string): Promise<void> {
  await dialogsClosed(page);
  await page.click(`aside [data-command="${command}"]`);
  await page.waitForSelector(`.action-dialog [data-form="${command}"]`, { visible: true });
}

/** Until no dialog shows (one closing fades out, and takes clicks meanwhile). */
export async function dialogsClosed(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ![...document.querySelectorAll('.el-overlay')].some((overlay: any) => overlay.checkVisibility()),
  );
}

/** Sends the open action form. */
export async function submitAction(page: Page): Promise<void> {
  await page.click('.action-dialog [data-submit]');
}

/** The visible text of the first element matching `selector`. */
export const textOf = (page: Page, selector: string) =>
  page.$eval(selector, (node: any) => (node.textContent ?? '').trim() as string);

/** axe-core's serious and critical violations on the page as it is now (axe evaluated over DevTools). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Transitions first: a message fading in has not its final contrast yet.
  await page.waitForFunction(
    () =>
      !document.querySelector('[class*="-enter-"], [class*="-leave-"]') &&
      document.getAnimations().every((a: any) => a.playState !== 'running'),
  );
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[]; html: string }> }> =
    await page.evaluate(
      async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations,
    );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`).join(', ')}`,
    );
}

/** A full-page screenshot of the page as it is, in test-artifacts/workbench/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The page load's first contentful paint, in milliseconds from navigation start. */
export function firstPaint(page: Page): Promise<number | undefined> {
  return page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime as number | undefined,
  );
}

/**
 * Goes through a list's pages (its `next` button) until `selector` shows: the run's other tests share the
 * database, so what this test made may be on a later page. Fails after `pages` pages.
 */
export async function pageUntil(page: Page, selector: string, next: string, pages = 50): Promise<void> {
  for (let i = 0; i < pages; i++) {
    if (await page.$(selector)) return;
    const more = await page.$eval(next, (button: any) => !button.disabled);
    if (!more) break;
    const before = await page.$eval('.page', (node: any) => node.textContent);
    await page.click(next);
    await page.waitForFunction((text) => document.querySelector('.page').textContent !== text, {}, before);
  }
  await page.waitForSelector(selector, { timeout: 1 });
}

/** Until the browser has saved `file` whole (Chromium writes a `.crdownload` first and renames it). */
export async function waitForFile(file: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > until) throw new Error(`no download ${file} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
