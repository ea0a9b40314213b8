import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { testEnv } from '../support/harness';

/**
 * Migration 1796000000009 on a fresh database: rows written with the 12 former codes, before it, carry the
 * classification's codes after it, with their category and the file's version, in the petitions and in the
 * report rows alike.
 */
const MIGRATIONS = path.join(__dirname, '../../src/db/migrations');
const WRITTEN_UNDER = '1796000000007_user-contacts.sql';
const database = `classification_migration_${process.pid}`;
let databaseUrl: string;
const run = promisify(execFile);

/** The migrations up to the `count`th (all when absent), by node-pg-migrate's own command (it is ESM only). */
async function migrateUp(count?: number): Promise<void> {
  const bin = require.resolve('node-pg-migrate/bin/node-pg-migrate');
  const args = ['up', ...(count === undefined ? [] : [String(count)])];
  await run(process.execPath, [bin, ...args, '-m', MIGRATIONS, '-t', 'pgmigrations', '--check-order'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

async function withAdmin<T>(act: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: testEnv('TEST_DATABASE_URL') });
  await admin.connect();
  try {
    return await act(admin);
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
  });
  const url = new URL(testEnv('TEST_DATABASE_URL'));
  url.pathname = `/${database}`;
  databaseUrl = url.toString();
});

afterAll(async () => {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
});

const FORMER_CODES: Array<[former: string, code: string, category: string]> = [
  ['housing', 'urban-construction.housing', 'urban-construction'],
  ['public-security', 'political-and-legal.public-security', 'political-and-legal'],
  ['labour-and-social-security', 'labour-and-social-security', 'labour-and-social-security'],
  ['land-and-resources', 'land-and-resources', 'land-and-resources'],
  ['urban-construction', 'urban-construction', 'urban-construction'],
  ['market-regulation', 'market-regulation', 'market-regulation'],
  ['civil-affairs', 'civil-affairs', 'civil-affairs'],
  ['education', 'education', 'education'],
  ['health', 'health', 'health'],
  ['environment', 'environment', 'environment'],
  ['agriculture', 'agriculture', 'agriculture'],
  ['other', 'other', 'other'],
];

it('maps the 12 former codes of existing petitions and report rows onto the classification', async () => {
  // The schema the rows were written under: the last migration before the classification's on main.
  const before = fs
    .readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql') && f <= WRITTEN_UNDER)
    .sort();
  await migrateUp(before.length);

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`INSERT INTO regions (id, name, level) VALUES ('r', '青山县', 'county')`);
    await db.query(
      `INSERT INTO units (id, name, kind, level, region_id) VALUES ('b', '青山县信访局', 'petition-bureau', 'county', 'r')`,
    );
    await db.query(
      `INSERT INTO users (login, display_name, unit_id, roles) VALUES ('reg', '登记员', 'b', '{registrar}')`,
    );
    for (const [i, [former]] of FORMER_CODES.entries()) {
      const id = `XF-2026-9${String(i).padStart(5, '0')}`;
      await db.query(
        `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, received_on, rule_set_id, subject,
                                description, petitioner, registered_by, status, registration_level, start_input)
         VALUES ($1, 'b', 'letter', 'complaint', $2, '2026-03-02', 'national-2022', 's', 'd', '{}', 'reg',
                 'registered', 'county', $3)`,
        [id, former, JSON.stringify({ petitionId: id, domain: former })],
      );
      await db.query(
        `INSERT INTO report_cases (petition_id, received_on, bureau_unit_id, registration_level, channel, domain,
                                   first_time, status)
         VALUES ($1, '2026-03-02', 'b', 'county', 'letter', $2, true, 'registered')`,
        [id, former],
      );
    }
  } finally {
    await db.end();
  }

  await migrateUp();

  const after = new Client({ connectionString: databaseUrl });
  await after.connect();
  try {
    const { rows } = await after.query(
      `SELECT p.id, p.domain, p.domain_category, p.classification_version, p.start_input->>'domain' AS start_domain,
              r.domain AS report_domain, r.domain_category AS report_category
         FROM petitions p JOIN report_cases r ON r.petition_id = p.id ORDER BY p.id`,
    );
    expect(
      rows.map((r) => [r.domain, r.domain_category, r.start_domain, r.report_domain, r.report_category]),
    ).toEqual(FORMER_CODES.map(([, code, category]) => [code, category, code, code, category]));
    expect(new Set(rows.map((r) => r.classification_version))).toEqual(
      new Set(['petitionflow-default@2026.1']),
    );
  } finally {
    await after.end();
  }
});
