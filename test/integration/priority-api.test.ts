import { startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';
import { inboxKindsFor } from '../support/inbox';

/**
 * 关注级别 (S5) and the 重大、紧急 flag (Art 25) through the API on the real stack: set by the bureau or the
 * office with a reason, shown in the case and the list, its raising told to the bureau head and the office at
 * once (the outbox the inbox and the mail/SMS read), counted on the reports dashboard; bad input changes nothing.
 */
let app: TestApp;
let flow: PetitionFlow;
/** The petition bureau's head (局长): a unit head of the bureau, whom the demo organisation does not name. */
const BUREAU_HEAD = 'priority-bureau-head';

beforeAll(async () => {
  app = await startTestApp('priority-api');
  flow = new PetitionFlow(app);
  await app.pool.query(
    `INSERT INTO users (login, display_name, unit_id, roles)
     VALUES ($1, '青山县信访局局长', 'qingshan-petition-bureau', '{unit-head}') ON CONFLICT (login) DO NOTHING`,
    [BUREAU_HEAD],
  );
});

afterAll(async () => {
  await app?.stop();
});

const reason = '涉及整栋楼三十余户居民电梯停运，可能引发聚集。';

const kindsFor = (login: string, id: string) => inboxKindsFor(app, login, id);

async function timelineTypes(id: string): Promise<string[]> {
  const detail = await flow.get('supervisor', id);
  return detail.timeline.map((e: { type: string }) => e.type);
}

describe('the priority of a case', () => {
  it('is set with its reason, shown in the case and the list, and changed with an audited event', async () => {
    const id = await flow.transferred();
    await flow.post('supervisor', id, 'priority', { level: 'second', reason });
    const detail = await flow.get('handler', id);
    expect(detail.priority).toMatchObject({
      level: 'second',
      majorUrgent: false,
      majorUrgentSince: null,
      reason,
      setBy: 'supervisor',
    });
    await flow.post('jco', id, 'priority', { level: 'first', reason: '已多次越级上访。' });
    const events = (await flow.get('supervisor', id)).timeline.filter(
      (e: { type: string }) => e.type === 'priority-set',
    );
    expect(events.map((e: { actor: string; data: object }) => [e.actor, e.data])).toEqual([
      ['supervisor', expect.objectContaining({ level: 'second', majorUrgent: false })],
      ['jco', expect.objectContaining({ level: 'first', previousLevel: 'second' })],
    ]);
    const list = await flow.expectStatus(
      200,
      'supervisor',
      'GET',
      '/api/petitions?priority=first&pageSize=100',
    );
    expect(list.items.find((p: { id: string }) => p.id === id)).toMatchObject({
      priority: { level: 'first', majorUrgent: false },
    });
    const second = await flow.expectStatus(
      200,
      'supervisor',
      'GET',
      '/api/petitions?priority=second&pageSize=100',
    );
    expect(second.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('tells the bureau head and the office at once of a major or urgent matter, and shows it on the dashboard', async () => {
    const id = await flow.transferred();
    const before = (await flow.expectStatus(200, 'supervisor', 'GET', '/api/reports/summary')).priority;
    await flow.post('supervisor', id, 'priority', { level: 'first', majorUrgent: true, reason });
    expect(await kindsFor(BUREAU_HEAD, id)).toEqual(['major-urgent']);
    expect(await kindsFor('supervisor', id)).toEqual(['major-urgent']);
    expect(await kindsFor('jco', id)).toEqual(['major-urgent']);
    expect(await kindsFor('handler', id)).toEqual([]);
    const flagged = await flow.expectStatus(
      200,
      'jco',
      'GET',
      '/api/petitions?majorUrgent=true&pageSize=100',
    );
    expect(flagged.items.map((p: { id: string }) => p.id)).toContain(id);
    const summary = await flow.expectStatus(200, 'supervisor', 'GET', '/api/reports/summary');
    expect(summary.priority.majorUrgentOpen).toBe(before.majorUrgentOpen + 1);
    expect(summary.priority.firstLevelOpen).toBe(before.firstLevelOpen + 1);
    expect(summary.priority.majorUrgentCases).toContainEqual(
      expect.objectContaining({ petitionId: id, level: 'first', unitId: 'qingshan-housing' }),
    );
    // A change of level keeps the flag and tells no one again; the closed case leaves the count.
    await flow.post('supervisor', id, 'priority', { level: 'second', reason: '已初步稳控。' });
    expect(await kindsFor('jco', id)).toEqual(['major-urgent']);
    await flow.post('handler', id, 'withdraw', { reason: '信访人撤回。' });
    const after = await flow.expectStatus(200, 'supervisor', 'GET', '/api/reports/summary');
    expect(after.priority.majorUrgentOpen).toBe(before.majorUrgentOpen);
  });
});

describe('bad input', () => {
  it.each([
    ['an unknown level', { level: 'urgent', reason }, 422, 'validation_failed'],
    ['a missing reason', { level: 'first' }, 422, 'validation_failed'],
    ['an empty reason', { level: 'first', reason: ' ' }, 422, 'validation_failed'],
  ])('refuses %s and stores nothing', async (_what, body, status, code) => {
    const id = await flow.transferred();
    const types = await timelineTypes(id);
    const response = await app.request('supervisor', 'POST', `/api/petitions/${id}/priority`, body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(await timelineTypes(id)).toEqual(types);
    expect((await flow.get('supervisor', id)).priority).toBeNull();
  });

  it('refuses a closed case, stores no reason, and tells no one', async () => {
    const id = await flow.transferred();
    await flow.post('handler', id, 'withdraw', { reason: '信访人撤回。' });
    const response = await app.request('supervisor', 'POST', `/api/petitions/${id}/priority`, {
      level: 'first',
      majorUrgent: true,
      reason,
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('transition_not_allowed');
    const { rows } = await app.pool.query(
      `SELECT count(*)::int AS n FROM petition_documents WHERE petition_id = $1 AND kind = 'priority-reason'`,
      [id],
    );
    expect(rows[0].n).toBe(0);
    expect(await kindsFor('jco', id)).toEqual([]);
  });

  it('refuses the handling unit (403) and an unknown priority filter (422)', async () => {
    const id = await flow.transferred();
    const response = await app.request('handler', 'POST', `/api/petitions/${id}/priority`, {
      level: 'first',
      reason,
    });
    expect(response.status).toBe(403);
    const list = await app.request('supervisor', 'GET', '/api/petitions?priority=urgent');
    expect(list.status).toBe(422);
  });
});
