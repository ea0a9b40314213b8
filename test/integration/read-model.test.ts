import type { Pool } from 'pg';
import { recordCaseEvents } from '../../src/db/case-events';
import { writeCase } from '../../src/db/case-write';
import { createPool } from '../../src/db/pool';
import { insertPetition } from '../../src/db/petitions';
import { type CaseEvent, fold, initialCaseState } from '../../src/case';
import { testEnv } from '../support/harness';

/**
 * The projector writes what history holds: a workflow task redone after a failure supersedes the events
 * its first attempt wrote, and a late write of that first attempt changes nothing.
 */
let pool: Pool;
beforeAll(() => {
  pool = createPool(testEnv('TEST_DATABASE_URL'));
});
afterAll(async () => {
  await pool.end();
});

async function newPetition(): Promise<string> {
  const client = await pool.connect();
  try {
    return await insertPetition(
      client,
      {
        bureauUnitId: 'qingshan-petition-bureau',
        channel: 'letter',
        category: 'complaint',
        domain: 'urban-construction.housing',
        domainCategory: 'urban-construction',
        classificationVersion: 'petitionflow-default@2026.1',
        receivedOn: '2026-03-02',
        ruleSetId: 'national-2022',
        subject: 'projector test',
        description: 'projector test',
        petitioner: { name: 'Test' },
        registeredBy: 'registrar',
        petitionerKey: null,
        firstTime: true,
        repeatOf: null,
        finalCaseId: null,
        groupPersons: null,
      },
      2026,
    );
  } finally {
    client.release();
  }
}

const registered = (petitionId: string): CaseEvent => ({
  type: 'registered',
  petitionId,
  ruleSetId: 'national-2022',
  channel: 'letter',
  category: 'complaint',
  domain: 'urban-construction.housing',
  receivedOn: '2026-03-02',
  bureauUnitId: 'qingshan-petition-bureau',
  flags: { firstTime: true },
  sequence: 1,
  at: '2026-03-02T01:00:00.000Z',
  actor: 'registrar',
});
const withdrawn = (at: string): CaseEvent[] => [
  {
    type: 'withdrawn',
    reasonDocumentId: 'w',
    withdrawnOn: at.slice(0, 10),
    sequence: 2,
    at,
    actor: 'registrar',
  },
  { type: 'closed', reason: 'withdrawn', closedOn: at.slice(0, 10), sequence: 3, at, actor: 'registrar' },
];

async function stored(id: string) {
  const events = await pool.query(
    'SELECT sequence, occurred_at FROM petition_events WHERE petition_id = $1 ORDER BY sequence',
    [id],
  );
  const superseded = await pool.query(
    'SELECT count(*)::int AS n FROM petition_events_superseded WHERE petition_id = $1',
    [id],
  );
  const row = await pool.query('SELECT status, last_sequence, case_state FROM petitions WHERE id = $1', [id]);
  return {
    times: events.rows.map((r) => (r.occurred_at as Date).toISOString()),
    superseded: superseded.rows[0].n as number,
    status: row.rows[0].status as string,
    closedOn: row.rows[0].case_state?.closure?.on as string | undefined,
  };
}

it('skips a batch it already holds, supersedes one that differs, and ignores a late older writer', async () => {
  const id = await newPetition();
  await recordCaseEvents(pool, id, [registered(id)], 5);
  const first = withdrawn('2026-03-02T15:59:59.000Z');
  await recordCaseEvents(pool, id, first, 8);
  await recordCaseEvents(pool, id, first, 8); // an activity retry
  expect(await stored(id)).toMatchObject({ superseded: 0, status: 'closed', closedOn: '2026-03-02' });

  // The task that wrote `first` failed; its redo, later in history, ran after midnight.
  const redo = withdrawn('2026-03-02T16:00:09.000Z');
  await recordCaseEvents(pool, id, redo, 12);
  expect(await stored(id)).toEqual({
    times: ['2026-03-02T01:00:00.000Z', '2026-03-02T16:00:09.000Z', '2026-03-02T16:00:09.000Z'],
    superseded: 2,
    status: 'closed',
    closedOn: '2026-03-02',
  });

  // The failed task's worker, cut off from Temporal, writes once more: history holds the redo.
  await recordCaseEvents(pool, id, first, 8);
  expect((await stored(id)).times[1]).toBe('2026-03-02T16:00:09.000Z');
});

it('lets the later of two attempts at one place in history stand, whichever of them writes last', async () => {
  // A speculative workflow task that was lost (its write still running) and its redo share a history length.
  const lost = withdrawn('2026-03-02T15:59:59.000Z');
  const redo = withdrawn('2026-03-02T16:00:09.000Z');
  const redoFirst = await newPetition();
  await recordCaseEvents(pool, redoFirst, [registered(redoFirst)], 5);
  await recordCaseEvents(pool, redoFirst, redo, 8, '2026-03-02T16:00:09.000Z');
  await recordCaseEvents(pool, redoFirst, lost, 8, '2026-03-02T15:59:59.000Z');
  expect(await stored(redoFirst)).toMatchObject({
    superseded: 0,
    times: [expect.any(String), redo[0]!.at, redo[1]!.at],
  });

  const lostFirst = await newPetition();
  await recordCaseEvents(pool, lostFirst, [registered(lostFirst)], 5);
  await recordCaseEvents(pool, lostFirst, lost, 8, '2026-03-02T15:59:59.000Z');
  await recordCaseEvents(pool, lostFirst, redo, 8, '2026-03-02T16:00:09.000Z');
  expect(await stored(lostFirst)).toMatchObject({
    superseded: 2,
    times: [expect.any(String), redo[0]!.at, redo[1]!.at],
  });
});

it('refuses to record for a petition whose row is gone, with an error the activity turns non-retryable', async () => {
  await expect(recordCaseEvents(pool, 'XF-1999-999999', [registered('XF-1999-999999')], 1)).rejects.toThrow(
    /no row/,
  );
});

it('writes nothing at all when the row changed since it was read (the unlocked path then takes the lock)', async () => {
  const id = await newPetition();
  await recordCaseEvents(pool, id, [registered(id)], 5);
  const read = await pool.query('SELECT xmin::text AS version FROM petitions WHERE id = $1', [id]);
  await pool.query('UPDATE petitions SET updated_at = now() WHERE id = $1', [id]); // another writer
  const events = withdrawn('2026-03-02T15:59:59.000Z');
  const state = fold(fold(initialCaseState(), [registered(id)]), events);
  const write = { state, events, notifications: [], items: [], fence: 8, attemptAt: null };
  await expect(writeCase(pool, id, write, read.rows[0].version as string)).resolves.toBe(false);
  expect(await stored(id)).toMatchObject({ times: ['2026-03-02T01:00:00.000Z'], status: 'registered' });
  const report = await pool.query('SELECT status FROM report_cases WHERE petition_id = $1', [id]);
  expect(report.rows[0].status).toBe('registered');

  const current = await pool.query('SELECT xmin::text AS version FROM petitions WHERE id = $1', [id]);
  await expect(writeCase(pool, id, write, current.rows[0].version as string)).resolves.toBe(true);
  expect(await stored(id)).toMatchObject({ status: 'closed', closedOn: '2026-03-02' });
});

it('ends as history says when a lost attempt and its redo write at the same moment, in either order', async () => {
  const lost = withdrawn('2026-03-02T15:59:59.000Z');
  const redo = withdrawn('2026-03-02T16:00:09.000Z');
  for (let round = 0; round < 6; round++) {
    const id = await newPetition();
    await recordCaseEvents(pool, id, [registered(id)], 5);
    const writes = [
      () => recordCaseEvents(pool, id, lost, 8, '2026-03-02T15:59:59.000Z'),
      () => recordCaseEvents(pool, id, redo, 8, '2026-03-02T16:00:09.000Z'),
    ];
    if (round % 2 === 1) writes.reverse();
    await Promise.all(writes.map((write) => write()));
    expect(await stored(id)).toMatchObject({
      times: [expect.any(String), redo[0]!.at, redo[1]!.at],
      status: 'closed',
    });
    const rows = await pool.query('SELECT count(*)::int AS n FROM petition_events WHERE petition_id = $1', [
      id,
    ]);
    expect(rows.rows[0].n).toBe(3);
  }
});
