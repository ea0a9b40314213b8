import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { provinceOrganisationText } from '../../bench/organisation/generate';
import { createPool } from '../../src/db/pool';
import { DEMO_ORGANISATION_FILE, seedDemoOrganisation } from '../../src/domain/organisation/demo';
import { applyOrganisationChange } from '../../src/domain/organisation/change';
import { importOrganisationText } from '../../src/domain/organisation/import';
import { describePlan, planIsEmpty } from '../../src/domain/organisation/plan';
import { testEnv } from '../support/harness';

/**
 * `petitionflow org import / export` against a database of its own on the run's PostgreSQL (the shared one holds
 * the demo every other test relies on): the demo file, a no-op second run, export → import, a user with history
 * deactivated (never deleted), a bad file that changes nothing, and the province-sized file with its time.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DATABASE = `org_import_${process.pid}`;
let admin: Pool;
let databaseUrl: string;
let pool: Pool;
let dir: string;

beforeAll(async () => {
  admin = createPool(testEnv('TEST_DATABASE_URL'));
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  const url = new URL(testEnv('TEST_DATABASE_URL'));
  url.pathname = `/${DATABASE}`;
  databaseUrl = url.toString();
  // node-pg-migrate is ESM-only, which jest cannot load: migrated as an operator would, by the command.
  const migrated = await petitionflow(['migrate']);
  if (migrated.code !== 0) throw new Error(migrated.stderr);
  pool = createPool(databaseUrl);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-import-'));
});

afterAll(async () => {
  await pool?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin?.end();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function petitionflow(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'bin', 'petitionflow.js'), ...args],
      {
        cwd: ROOT,
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, DATABASE_URL: databaseUrl, PETITIONFLOW_FROM_SOURCE: '1' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Everything the organisation tables hold, to show that a run changed nothing. */
async function organisationFootprint() {
  const { rows } = await pool.query(
    `SELECT (SELECT json_agg(r ORDER BY id) FROM regions r) AS regions,
            (SELECT json_agg(u ORDER BY id) FROM units u) AS units,
            (SELECT json_agg(u ORDER BY login) FROM users u) AS users`,
  );
  return rows[0];
}

it('imports the demo file, and a second run changes nothing', async () => {
  const first = await petitionflow(['org', 'import', DEMO_ORGANISATION_FILE]);
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('+ unit baishi-town-government');
  expect(first.stdout).toContain('regions: 5 added, 0 changed, 0 deactivated; units: 13 added');
  expect(first.stdout).toMatch(/org import: 13 units, 11 users in \d+\.\d s/);
  const { rows } = await pool.query(
    `SELECT u.level, r.rule_set_id FROM units u JOIN regions r ON r.id = 'dongling' WHERE u.id = 'chengguan-street-office'`,
  );
  expect(rows).toEqual([{ level: 'township', rule_set_id: 'national-2022' }]);

  const before = await organisationFootprint();
  const second = await petitionflow(['org', 'import', DEMO_ORGANISATION_FILE]);
  expect([second.code, second.stdout.split('\n')[0]]).toEqual([0, 'no changes']);
  expect(await organisationFootprint()).toEqual(before);
});

it('exports what it imported, and importing the export is a no-op', async () => {
  const file = path.join(dir, 'exported.yaml');
  const exported = await petitionflow(['org', 'export', '--output', file]);
  expect(exported.code).toBe(0);
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain('kind: street-office');
  const again = await importOrganisationText(pool, text);
  expect(again.ok && planIsEmpty(again.plan)).toBe(true);
});

it('refuses a file with errors, each with its line, and changes nothing', async () => {
  const before = await organisationFootprint();
  const broken = fs
    .readFileSync(DEMO_ORGANISATION_FILE, 'utf8')
    .replace('    parent: yunzhou-hr\n', '    parent: yunzhou-human-resources\n')
    .replace('    unit: qingshan-jco\n', '    unit: qingshan-office\n');
  const file = path.join(dir, 'broken.yaml');
  fs.writeFileSync(file, broken);
  const result = await petitionflow(['org', 'import', file]);
  expect(result.code).toBe(1);
  const lines = broken.split('\n');
  const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
  expect(result.stderr.split('\n')).toEqual([
    `${file}:${lineOf('parent: yunzhou-human-resources')}: units[10].parent: parent 'yunzhou-human-resources' is not a unit of the file`,
    `${file}:${lineOf('unit: qingshan-office')}: users[5].unit: unit 'qingshan-office' is not a unit of the file`,
    `org import: 2 error(s) in ${file}; nothing was changed`,
    '',
  ]);
  expect(await organisationFootprint()).toEqual(before);
});

it('deactivates a user and a unit the file no longer lists, keeps them and their history, and lets them come back', async () => {
  // History: a petition registered by the registrar at the county bureau.
  await pool.query(
    `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, received_on, rule_set_id, subject, description,
                            petitioner, registered_by, status, registration_level, domain_category,
                            classification_version)
     VALUES ('XF-2026-900001', 'qingshan-petition-bureau', 'letter', 'complaint',
             'urban-construction.housing', '2026-03-02', 'national-2022', 's', 'd', '{"name":"x"}', 'registrar',
             'registered', 'county', 'urban-construction', 'petitionflow-default@2026.1')`,
  );
  const demo = fs.readFileSync(DEMO_ORGANISATION_FILE, 'utf8');
  const without = demo
    .replace(/ {2}- login: registrar\n( {4}.*\n)+?(?= {2}- login)/, '')
    .replace(/ {2}- id: chengguan-street-office\n( {4}.*\n)+/, '');
  const dry = await importOrganisationText(pool, without, { dryRun: true });
  expect(dry.ok && dry.applied).toBe(false);
  const file = path.join(dir, 'without.yaml');
  fs.writeFileSync(file, without);
  const result = await petitionflow(['org', 'import', file]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('- unit chengguan-street-office (deactivate)');
  expect(result.stdout).toContain('- user registrar (deactivate)');
  const { rows } = await pool.query(
    `SELECT (SELECT active FROM users WHERE login = 'registrar') AS registrar,
            (SELECT active FROM units WHERE id = 'chengguan-street-office') AS street,
            (SELECT registered_by FROM petitions WHERE id = 'XF-2026-900001') AS registered_by`,
  );
  expect(rows[0]).toEqual({ registrar: false, street: false, registered_by: 'registrar' });
  // Deactivated is settled: the same file again changes nothing; the demo file brings both back.
  expect((await petitionflow(['org', 'import', file])).stdout.split('\n')[0]).toBe('no changes');
  const back = await petitionflow(['org', 'import', DEMO_ORGANISATION_FILE]);
  expect(back.stdout).toContain('~ user registrar: active false → true');
  expect(back.stdout).toContain('~ unit chengguan-street-office: active false → true');
});

it('applies one change as an admin API would, under the same checks as a file', async () => {
  const handler = {
    login: 'handler',
    name: '赵磊',
    unit: 'qingshan-housing',
    roles: ['unit-head' as const, 'handler' as const],
    mail: 'handler@example.org',
  };
  const changed = await applyOrganisationChange(pool, { type: 'put-user', user: handler });
  expect(changed.ok && describePlan(changed.plan)).toEqual([
    '~ user handler: roles [handler] → [unit-head, handler], mail (none) → handler@example.org',
  ]);
  const dangling = await applyOrganisationChange(pool, {
    type: 'put-unit',
    unit: {
      id: 'qingshan-land',
      name: '青山县自然资源局',
      kind: 'department',
      region: 'qingshan',
      parent: 'yunzhou-land',
    },
  });
  expect(dangling).toEqual({
    ok: false,
    issues: [{ path: ['units', 13, 'parent'], message: "parent 'yunzhou-land' is not a unit of the file" }],
  });
  // A unit with an active user stays active until the user is moved or deactivated.
  const busy = await applyOrganisationChange(pool, { type: 'deactivate-unit', id: 'qingshan-hr' });
  expect(busy.ok).toBe(false);
  expect(await applyOrganisationChange(pool, { type: 'deactivate-user', login: 'hr-handler' })).toMatchObject(
    { ok: true },
  );
  const closed = await applyOrganisationChange(pool, { type: 'deactivate-unit', id: 'qingshan-hr' });
  expect(closed.ok && describePlan(closed.plan)).toEqual(['~ unit qingshan-hr: active true → false']);
});

// The time is printed, not asserted (speed is the benchmark's to judge: `npm run bench:organisation`).
it('imports a province-sized file, and again as a no-op, printing the time', async () => {
  const text = provinceOrganisationText();
  const t0 = performance.now();
  const first = await importOrganisationText(pool, text);
  const seconds = (performance.now() - t0) / 1000;
  if (!first.ok) throw new Error(JSON.stringify(first.errors.slice(0, 5)));
  const { units, users } = first.counts;
  console.log(`org import: ${units} units, ${users} users in ${seconds.toFixed(1)} s`);
  expect(units).toBeGreaterThan(10_000);
  expect(users).toBeGreaterThan(50_000);
  // The demo, which the file does not list, is deactivated by it: the file is the whole organisation.
  expect(first.plan.users.deactivated.map((u) => u.login)).toContain('registrar');

  const t1 = performance.now();
  const again = await importOrganisationText(pool, text);
  const againSeconds = (performance.now() - t1) / 1000;
  console.log(`org import (again, no changes): ${againSeconds.toFixed(1)} s`);
  expect(again.ok && planIsEmpty(again.plan) && !again.applied).toBe(true);
});

it('leaves a database with an organisation of its own alone when the demo is seeded (npm start)', async () => {
  const before = await organisationFootprint();
  expect(await seedDemoOrganisation(pool)).toBeUndefined();
  expect(await organisationFootprint()).toEqual(before);
});
