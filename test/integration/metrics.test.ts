import type { ChildProcess } from 'node:child_process';
import { freePort, kill, startChild } from '../support/child-services';
import { startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';

/** `/metrics` in Prometheus's text format: the API's requests by route and status, and the worker's SDK metrics. */
let app: TestApp;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  app = await startTestApp('metrics');
});

afterAll(async () => {
  if (worker) await kill(worker);
  await app?.stop();
});

it('counts the API’s requests by route pattern and status, for the same host only', async () => {
  const flow = new PetitionFlow(app);
  const id = await flow.register();
  await flow.get('registrar', id);
  await app.request('registrar', 'GET', '/api/petitions/XF-1999-000001');
  const response = await fetch(`${app.baseUrl}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  const count = (route: string, status: number) =>
    Number(
      new RegExp(
        `petitionflow_http_request_duration_seconds_count\\{method="GET",route="${route}",status="${status}"\\} (\\d+)`,
      ).exec(text)?.[1] ?? 0,
    );
  expect(count('/api/petitions/:id', 200)).toBeGreaterThanOrEqual(1);
  expect(count('/api/petitions/:id', 404)).toBeGreaterThanOrEqual(1);
  expect(text).toMatch(/_count\{method="POST",route="\/api\/petitions",status="201"\} \d+/);
  // One series per route, not per case.
  expect(text).not.toContain(id);
  expect(text).toContain('petitionflow_process_cpu_seconds_total');
});

it('adds no series for the spelling of a path or an invented method (F9)', async () => {
  const before = await (await fetch(`${app.baseUrl}/metrics`)).text();
  for (const path of [
    '/API/Petitions',
    '/Api/PETITIONS/XF-1999-000001',
    '/api/petitions/XF-1999-000001/Route',
  ]) {
    await fetch(`${app.baseUrl}${path}`);
    await fetch(`${app.baseUrl}${path}`, { method: 'PROPFIND' });
    await app.request('registrar', 'GET', path);
  }
  await fetch(`${app.baseUrl}/no/such/${Date.now()}`);
  const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
  const routes = (t: string) =>
    new Set([...t.matchAll(/_count\{method="([^"]+)",route="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`));
  const added = [...routes(text)].filter((series) => !routes(before).has(series));
  expect(
    added.filter((series) => /[A-Z]/.test(series.split(' ')[1]!) || series.startsWith('PROPFIND')),
  ).toEqual([]);
  expect(added.every((series) => /^(GET|other) /.test(series))).toBe(true);
});

it('asks for the scraper’s token when one is configured', async () => {
  const guarded = await startTestApp('metrics-token', { metricsToken: 'scrape-token-0123456789' });
  try {
    const without = await fetch(`${guarded.baseUrl}/metrics`);
    const refused = (await without.json()) as { error: { code: string } };
    expect([without.status, refused.error.code]).toEqual([403, 'forbidden']);
    const withToken = await fetch(`${guarded.baseUrl}/metrics`, {
      headers: { authorization: 'Bearer scrape-token-0123456789' },
    });
    expect(withToken.status).toBe(200);
  } finally {
    await guarded.stop();
  }
});

it('exports the worker’s Temporal SDK metrics where TEMPORAL_METRICS_ADDRESS says', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  worker = await startChild('worker', {
    taskQueue: 'metrics-worker',
    env: { TEMPORAL_METRICS_ADDRESS: address },
  });
  let text = '';
  for (let i = 0; i < 50 && !text.includes('temporal_'); i++) {
    text = await fetch(`http://${address}/metrics`).then(
      (r) => r.text(),
      () => '',
    );
    if (!text.includes('temporal_')) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(text).toMatch(/^temporal_\w+/m);
  expect(text).toContain('task_queue="metrics-worker"');
});
