import { Pool } from 'pg';
import { addDays } from '../../src/rules/dates';
import { getRuleSet } from '../../src/rules';
import { casePageQuery, queueCounts, queuePage, type QueueQuery } from '../../src/db/queue';
import { PetitionFlow } from '../support/petition-flow';
import { shanghaiToday, startTestApp, type TestApp, testEnv } from '../support/harness';

let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('queue-api');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

const HR_DESK = { registrar: 'registrar', unitId: 'qingshan-hr', handler: 'hr-handler' };

interface QueueItem {
  id: string;
  caseNumber: string;
  status: string;
  handlingUnitId: string | null;
  deadline: { key: string; dueAt: string; dueDate: string; warnAt: string | null; overdue: boolean } | null;
  supervisionItem: { id: string } | null;
  [field: string]: unknown;
}

async function queue(login: string, query: Record<string, string> = {}) {
  return app.request(login, 'GET', `/api/queue?${new URLSearchParams(query).toString()}`);
}

/** Every page of a queue, following nextCursor (other tests' cases share these units). */
async function wholeQueue(login: string, query: Record<string, string> = {}): Promise<QueueItem[][]> {
  const pages: QueueItem[][] = [];
  let cursor: string | null = null;
  do {
    const page = await queue(login, { ...query, pageSize: '100', ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe(200);
    pages.push(page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

/** A case's place in the order: overdue first, then by due instant, then by case number. */
const orderKey = (item: QueueItem) =>
  [
    item.deadline?.overdue ? 0 : 1,
    item.deadline ? Date.parse(item.deadline.dueAt) : Infinity,
    item.id,
  ] as const;
const inOrder = (a: QueueItem, b: QueueItem) => {
  const [x, y] = [orderKey(a), orderKey(b)];
  return x[0] !== y[0] ? x[0] < y[0] : x[1] !== y[1] ? x[1] < y[1] : x[2] < y[2];
};

describe('kind=unit: what the caller’s unit must act on next', () => {
  it('lists a routed case for its handling unit with the deadline awaited, and for no other unit', async () => {
    const id = await flow.at(HR_DESK).transferred();
    const detail = await flow.get('hr-handler', id);
    // D2 (acknowledge), not the objection window before it: that one lapses and the case goes on.
    const awaited = detail.deadlines.find((d: { key: string }) => d.key === 'acknowledge');
    const firstWarning = Math.max(
      ...getRuleSet(detail.ruleSetId)
        .deadlines.find((d) => d.key === 'acknowledge')!
        .warnings.map((w) => w.daysBefore),
    );
    const items = (await wholeQueue('hr-handler')).flat();
    const item = items.find((i) => i.id === id);
    expect(item).toMatchObject({
      id,
      caseNumber: id,
      status: 'transferred',
      handlingUnitId: 'qingshan-hr',
      deadline: {
        key: 'acknowledge',
        dueAt: awaited.dueAt,
        dueDate: awaited.dueDate,
        warnAt: `${addDays(awaited.dueDate, -firstWarning)}T00:00:00+08:00`,
        overdue: false,
      },
      supervisionItem: null,
    });
    // The search's row: no petitioner, no description.
    expect(item).not.toHaveProperty('petitioner');
    expect(item).not.toHaveProperty('description');
    expect(JSON.stringify(item)).not.toContain('李四');
    // The housing bureau, and the bureau that routed it (D1 met), do not act on it.
    expect((await wholeQueue('handler')).flat().map((i) => i.id)).not.toContain(id);
    expect((await wholeQueue('registrar')).flat().map((i) => i.id)).not.toContain(id);
  });

  it('puts overdue cases first, then by due date; pages by cursor; counts per kind', async () => {
    // The bureau awaits D1 (route, 15 d) of each: long overdue, due in a few days, due in 15 days.
    const overdue = (await flow.withSupervisionItem()).id;
    const soon = await flow.register({ receivedOn: addDays(shanghaiToday(), -12) });
    const later = await flow.register();
    const pages = await wholeQueue('registrar');
    for (const page of pages) {
      for (let i = 1; i < page.length; i++) expect(inOrder(page[i - 1]!, page[i]!)).toBe(true);
    }
    const ids = pages.flat().map((i) => i.id);
    expect(ids.indexOf(overdue)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(overdue)).toBeLessThan(ids.indexOf(soon));
    expect(ids.indexOf(soon)).toBeLessThan(ids.indexOf(later));
    const overdueItem = pages.flat().find((i) => i.id === overdue)!;
    expect(overdueItem.deadline).toMatchObject({ key: 'route', overdue: true });

    // Two pages of two: the second starts after the first, in order.
    const first = await queue('registrar', { pageSize: '2' });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await queue('registrar', { pageSize: '2', cursor: first.body.nextCursor });
    expect(second.status).toBe(200);
    expect(second.body.items.length).toBeGreaterThan(0);
    expect(inOrder(first.body.items[1], second.body.items[0])).toBe(true);
    // overdue=true: the overdue only.
    const onlyOverdue = (await wholeQueue('registrar', { overdue: 'true' })).flat();
    expect(onlyOverdue.map((i) => i.id)).toContain(overdue);
    expect(onlyOverdue.every((i) => i.deadline?.overdue)).toBe(true);

    const { counts } = first.body;
    expect(counts.unit).toBeGreaterThanOrEqual(3);
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(counts.unit).toBeGreaterThanOrEqual(counts.overdue);
    expect(counts['case-owner']).toBe(0);
    // The registrar has no supervision queue; the supervisor has.
    expect(counts.supervision).toBeNull();
    expect((await queue('supervisor')).body.counts.supervision).toBeGreaterThanOrEqual(1);
  });

  it('refuses a bad kind, a bad cursor and another kind’s cursor: 422 with the field', async () => {
    const badKind = await queue('handler', { kind: 'everything' });
    expect(badKind.status).toBe(422);
    expect(badKind.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(badKind.body.error.details)).toContain('kind');
    for (const cursor of ['garbage', Buffer.from('["unit",true,"x","y"]').toString('base64url')]) {
      const bad = await queue('handler', { cursor });
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('validation_failed');
    }
    const page = await queue('registrar', { pageSize: '1' });
    const other = await queue('registrar', { kind: 'case-owner', cursor: page.body.nextCursor });
    expect(other.status).toBe(422);
    expect(other.body.error.details.fields[0].path).toBe('cursor');
    expect((await queue('handler', { pageSize: '101' })).status).toBe(422);
  });
});

describe('kind=case-owner: the cases the caller owns (包案)', () => {
  it('lists the leader’s open case with its awaited deadline; not another user’s', async () => {
    const id = await flow.accepted();
    await flow.post('unit-head', id, 'case-owner', {
      leader: 'unit-head',
      handler: 'handler',
      task: '督促物业完成电梯维修。',
      targetDate: addDays(shanghaiToday(), 20),
    });
    const mine = (await wholeQueue('unit-head', { kind: 'case-owner' })).flat();
    expect(mine.find((i) => i.id === id)).toMatchObject({ status: 'accepted', deadline: { overdue: false } });
    expect(
      (await queue('unit-head', { kind: 'case-owner' })).body.counts['case-owner'],
    ).toBeGreaterThanOrEqual(1);
    expect((await wholeQueue('handler', { kind: 'case-owner' })).flat().map((i) => i.id)).not.toContain(id);
  });
});

describe('kind=supervision: the supervision items (督办) the bureau and the office oversee', () => {
  it('refuses a handler and a registrar (403 queue_forbidden); lists an open item for the bureau’s supervisor', async () => {
    for (const login of ['handler', 'registrar', 'admin']) {
      const refused = await queue(login, { kind: 'supervision' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('queue_forbidden');
    }
    const { id, itemId } = await flow.withSupervisionItem();
    for (const login of ['supervisor', 'jco']) {
      const items = (await wholeQueue(login, { kind: 'supervision' })).flat();
      const item = items.find((i) => i.supervisionItem?.id === itemId);
      expect(item).toMatchObject({ id, caseNumber: id, status: 'registered' });
      expect(item!.deadline).toMatchObject({ dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      // By due date; an item without one last.
      const dates = items.map((i) => i.deadline?.dueDate ?? '9999-12-31');
      expect(dates).toEqual([...dates].sort());
    }
  });
});

describe('the action columns', () => {
  it('are what the migration’s function computes from the stored fold, for every case', async () => {
    await flow.at(HR_DESK).transferred();
    const { rows } = await app.pool.query(
      `SELECT p.id FROM petitions p, petition_awaited_action(p.case_state) a
        WHERE p.case_state IS NOT NULL
          AND (a.unit_id, a.due_at, a.warn_at, a.deadline_key, a.overdue)
              IS DISTINCT FROM (p.action_unit_id, p.action_due_at, p.action_warn_at, p.action_deadline_key, p.action_overdue)`,
    );
    expect(rows).toEqual([]);
    const { rows: counted } = await app.pool.query(
      'SELECT count(*)::int AS n FROM petitions WHERE action_unit_id IS NOT NULL',
    );
    expect(counted[0].n).toBeGreaterThan(0);
  });
});

describe('10 000 cases of one unit', () => {
  it('pages them in order through the queue’s index, not a scan of the table', async () => {
    // Written straight into the read model, in a transaction rolled back at the end: no other test sees them.
    const pool = new Pool({ connectionString: testEnv('TEST_DATABASE_URL'), max: 1 });
    const client = await pool.connect();
    const unit = 'queue-load-unit';
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO units (id, name, kind, level, region_id)
         SELECT $1, '待办负载测试单位', 'department', level, region_id FROM units WHERE id = 'qingshan-hr'`,
        [unit],
      );
      // One in ten overdue (due in the past), the rest due over the next 100 days; many on the same day.
      await client.query(
        `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, domain_category, classification_version,
                                received_on, rule_set_id, subject, description, petitioner, registered_by, status,
                                handling_unit_id, first_time, registration_level, last_sequence, action_unit_id,
                                action_due_at, action_warn_at, action_deadline_key, action_overdue)
         SELECT 'XF-2098-' || lpad(i::text, 6, '0'), 'qingshan-petition-bureau', 'letter', 'complaint',
                'urban-construction.property-management', 'urban-construction', 'petitionflow-default@2026.1',
                current_date, 'national-2022', '待办负载 ' || i, '待办负载测试。', '{"name":"测试"}', 'registrar',
                'transferred', $1, true, 'county', 1, $1,
                date_trunc('day', now()) + make_interval(days => CASE WHEN i % 10 = 0 THEN -(i % 37) - 1 ELSE i % 100 END),
                NULL, 'handle', i % 10 = 0
           FROM generate_series(1, 10000) AS i`,
        [unit],
      );
      // As autovacuum would after such a load (in the transaction: its statistics go with the rollback).
      await client.query('ANALYZE petitions');
      const query: QueueQuery = {
        kind: 'unit',
        unitId: unit,
        login: 'queue-load-handler',
        visibleTo: { unitId: unit },
        itemsVisibleTo: { unitId: unit, bureau: false },
        today: shanghaiToday(),
        limit: 50,
      };
      const { rows: all } = await client.query<{ id: string }>(
        `SELECT id FROM petitions WHERE action_unit_id = $1 ORDER BY (NOT action_overdue), action_due_at, id`,
        [unit],
      );
      expect(all).toHaveLength(10_000);
      const order = all.map((r) => r.id);

      const first = await queuePage(client, query);
      expect(first.rows.map((r) => r.petition.id)).toEqual(order.slice(0, 50));
      expect(first.rows.slice(0, 5).every((r) => r.action?.overdue)).toBe(true);
      // Page 2 and, by cursor after cursor, a page deep in the list.
      let page = first;
      let at = 0;
      for (let n = 0; n < 3; n++) {
        page = await queuePage(client, { ...query, after: page.last! });
        at += 50;
        expect(page.rows.map((r) => r.petition.id)).toEqual(order.slice(at, at + 50));
      }
      const deep = await queuePage(client, {
        ...query,
        after: { kind: 'unit', overdue: false, dueAt: null, id: '' },
      });
      expect(deep.rows).toEqual([]);

      expect(await queueCounts(client, { ...query, supervision: false })).toEqual({
        unit: 10_000,
        overdue: 1_000,
        'case-owner': 0,
        supervision: null,
      });

      // The plans: an index scan of the queue's index in its order (no sort), on page 1 and after a cursor.
      for (const paged of [query, { ...query, after: page.last! }]) {
        const { text, values } = casePageQuery(paged);
        const { rows: plan } = await client.query(`EXPLAIN (FORMAT JSON) ${text}`, values);
        const json = JSON.stringify(plan[0]['QUERY PLAN']);
        expect(json).toContain('"Index Name":"petitions_action_queue_idx"');
        expect(json).not.toContain('"Node Type":"Seq Scan"');
        expect(json).not.toContain('"Node Type":"Sort"');
      }
    } finally {
      await client.query('ROLLBACK');
      client.release();
      await pool.end();
    }
  });
});
