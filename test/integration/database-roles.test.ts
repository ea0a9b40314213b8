import { createPool } from '../../src/db/pool';
import { asRuntimeRole } from '../../src/db/roles';
import { testEnv } from '../support/harness';

/**
 * The runtime role the API and the workers act as (every integration test's app runs as it): rows only, the
 * audit trail append-only, the schema untouchable.
 */
const runtime = createPool(asRuntimeRole(testEnv('TEST_DATABASE_URL')));

afterAll(async () => {
  await runtime.end();
});

const refused = async (sql: string, params: unknown[] = []) => {
  const client = await runtime.connect();
  try {
    await client.query('BEGIN');
    await client.query(sql, params);
    return 'allowed';
  } catch (err) {
    return (err as { message: string }).message;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
};

it('acts as petitionflow_runtime', async () => {
  const { rows } = await runtime.query('SELECT current_user AS role');
  expect(rows[0].role).toBe('petitionflow_runtime');
});

it('may read and append events, and nothing more to them', async () => {
  expect(await refused('SELECT count(*) FROM petition_events')).toBe('allowed');
  expect(await refused('UPDATE petition_events SET actor = actor')).toMatch(/permission denied/);
  expect(await refused('DELETE FROM petition_events')).toMatch(/permission denied/);
  expect(await refused('TRUNCATE petition_events')).toMatch(/permission denied/);
  expect(await refused('ALTER TABLE petition_events DISABLE TRIGGER petition_events_no_change')).toMatch(
    /must be owner/,
  );
  expect(await refused('DROP TRIGGER petition_events_no_change ON petition_events')).toMatch(/must be owner/);
  expect(await refused('DELETE FROM petition_events_superseded')).toMatch(/permission denied/);
});

it('cannot touch the schema or the migrations’ bookkeeping', async () => {
  expect(await refused('CREATE TABLE intruder (id int)')).toMatch(/permission denied/);
  expect(await refused('ALTER TABLE petitions ADD COLUMN intruder int')).toMatch(/must be owner/);
  expect(await refused('SELECT * FROM pgmigrations')).toMatch(/permission denied/);
});

it('cannot delete events by setting the superseding flag itself', async () => {
  const client = await runtime.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL petitionflow.superseding = 'on'`);
    await expect(client.query('DELETE FROM petition_events WHERE false')).rejects.toThrow(
      /permission denied/,
    );
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
});

it('may add released rules data (official years, rule-set versions), never change or remove it', async () => {
  expect(await refused('SELECT count(*) FROM official_calendar_years')).toBe('allowed');
  expect(
    await refused(
      `INSERT INTO rule_set_releases (id, version, data, added_by) VALUES ('roles-test', '0.0.1', '{}', 'test')`,
    ),
  ).toBe('allowed');
  expect(await refused('UPDATE official_calendar_years SET added_by = added_by')).toMatch(
    /permission denied/,
  );
  expect(await refused('DELETE FROM rule_set_releases')).toMatch(/permission denied/);
  expect(await refused('TRUNCATE official_calendar_years')).toMatch(/permission denied/);
});

it('may read and append the case file (work log, attachments), never change or remove it', async () => {
  expect(await refused('SELECT count(*) FROM case_log_entries')).toBe('allowed');
  expect(await refused('UPDATE case_log_entries SET body = body')).toMatch(/permission denied/);
  expect(await refused('DELETE FROM case_log_entries')).toMatch(/permission denied/);
  expect(await refused('DELETE FROM case_attachments')).toMatch(/permission denied/);
  expect(await refused('UPDATE case_attachment_chunks SET data = data')).toMatch(/permission denied/);
  expect(await refused('TRUNCATE case_attachment_chunks')).toMatch(/permission denied/);
});
