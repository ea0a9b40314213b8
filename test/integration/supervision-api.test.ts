import { addDays } from '../../src/rules/dates';
import { toShanghaiDate } from '../../src/rules';
import { LONG_AGO_DAYS, startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';
import { inboxKindsFor } from '../support/inbox';
import { saveHistoryIfRequested } from '../support/histories';
import { petitionWorkflowId } from '../../src/workflows/messages';

/**
 * The supervision queue and its acts, the inbox, the return visit and the petitioner's endpoint, through the
 * API on the real stack. A petition received long ago (LONG_AGO_DAYS) has D1 (15 d) passed by more than 15 d: its
 * supervision notice and its escalation to the office come at once, so the office has work to do.
 */
let app: TestApp;
let flow: PetitionFlow;
const today = toShanghaiDate(new Date());

beforeAll(async () => {
  app = await startTestApp('supervision-api');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

const saveHistory = (id: string, name: string) =>
  saveHistoryIfRequested(app.client.workflow.getHandle(petitionWorkflowId(id)), name);

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function escalatedCase(): Promise<{ id: string; itemId: string }> {
  const id = await flow.register({ receivedOn: addDays(today, -LONG_AGO_DAYS) });
  const itemId = `${id}.route-1`;
  await until(async () => {
    const { body } = await app.request('jco', 'GET', `/api/supervision?level=office`);
    return body.items.find((item: { id: string }) => item.id === itemId);
  }, 'the escalation');
  return { id, itemId };
}

describe('the supervision queue', () => {
  it('shows the office and the bureau what they oversee, and a unit only its own items', async () => {
    const { id, itemId } = await escalatedCase();
    const office = await app.request('jco', 'GET', '/api/supervision?level=office&status=open');
    expect(office.body.items.find((i: { id: string }) => i.id === itemId)).toMatchObject({
      petitionId: id,
      deadlineKey: 'route',
      unitId: 'qingshan-petition-bureau',
      level: 'office',
      escalationReason: 'overdue',
      noticeOn: today,
      escalatedOn: today,
    });
    const bureau = await app.request('supervisor', 'GET', '/api/supervision');
    expect(bureau.body.items.map((i: { id: string }) => i.id)).toContain(itemId);
    const unit = await app.request('handler', 'GET', '/api/supervision');
    expect(unit.body.items.map((i: { id: string }) => i.id)).not.toContain(itemId);
    const filtered = await app.request('jco', 'GET', '/api/supervision?level=listed');
    expect(filtered.body.items.map((i: { id: string }) => i.id)).not.toContain(itemId);
    const bad = await app.request('jco', 'GET', '/api/supervision?level=sky');
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
  });

  it('lets the office list and instruct, the supervised unit answer, and nobody else act', async () => {
    const { id, itemId } = await escalatedCase();
    const correctBy = addDays(today, 10);
    // A unit with no part in the case does not learn it exists; the bureau cannot list.
    const outsider = await app.request('hr-handler', 'POST', `/api/supervision/${itemId}/feedback`, {
      report: '无关',
      targetDate: correctBy,
    });
    expect([outsider.status, outsider.body.error.code]).toEqual([404, 'not_found']);
    const notOffice = await app.request('supervisor', 'POST', `/api/supervision/${itemId}/list`, {
      correctBy,
      note: '挂牌',
    });
    expect(notOffice.status).toBe(403);
    const early = await app.request('jco', 'POST', `/api/supervision/${itemId}/list`, {
      correctBy: today,
      note: 'x',
    });
    expect([early.status, early.body.error.details?.fields?.[0]?.path]).toEqual([422, 'correctBy']);

    const listed = await flow.expectStatus(200, 'jco', 'POST', `/api/supervision/${itemId}/list`, {
      correctBy,
      note: '挂牌督办，限期整改。',
    });
    expect(listed.supervision[0]).toMatchObject({
      id: itemId,
      level: 'listed',
      listing: { correctBy, note: '挂牌督办，限期整改。' },
    });
    const again = await app.request('jco', 'POST', `/api/supervision/${itemId}/list`, {
      correctBy,
      note: 'x',
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'transition_not_allowed']);
    await flow.expectStatus(200, 'jco', 'POST', `/api/supervision/${itemId}/instruct`, {
      unitId: 'qingshan-housing',
      instruction: '请协助核实。',
    });
    const answered = await flow.expectStatus(
      200,
      'supervisor',
      'POST',
      `/api/supervision/${itemId}/feedback`,
      {
        report: '已完成登记转送。',
        targetDate: correctBy,
      },
    );
    expect(answered.supervision[0]).toMatchObject({
      status: 'answered',
      feedback: { report: '已完成登记转送。' },
    });
    // Meeting the deadline, late, ends the ladder.
    const routed = await flow.post('registrar', id, 'route', { unitId: 'qingshan-housing' });
    expect(routed.supervision[0]).toMatchObject({ status: 'resolved', endedOn: today });
    const unknown = await app.request('jco', 'POST', `/api/supervision/${id}.handle-9/instruct`, {
      unitId: 'qingshan-housing',
      instruction: 'x',
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    const malformed = await app.request('jco', 'POST', '/api/supervision/nonsense/list', {
      correctBy,
      note: 'x',
    });
    expect([malformed.status, malformed.body.error.code]).toEqual([422, 'validation_failed']);
  });

  it('tells the right people: the office and the bureau of an escalation, the unit of an instruction', async () => {
    const { id, itemId } = await escalatedCase();
    await flow.expectStatus(200, 'jco', 'POST', `/api/supervision/${itemId}/instruct`, {
      unitId: 'qingshan-housing',
      instruction: '请协助核实。',
    });
    const kindsFor = (login: string) => inboxKindsFor(app, login, id);
    expect(await kindsFor('jco')).toEqual(['escalation']);
    expect(await kindsFor('supervisor')).toEqual(['escalation', 'supervision-notice']);
    expect(await kindsFor('registrar')).toEqual([]);
    expect(await kindsFor('handler')).toEqual(['instruction']);
    expect(await kindsFor('unit-head')).toEqual(['instruction']);
    expect(await kindsFor('hr-handler')).toEqual([]);
    // Unread, then read (twice: no change), and nobody else's.
    const inbox = await app.request('jco', 'GET', '/api/notifications?unread=true&pageSize=100');
    const mine = inbox.body.items.find((n: { petitionId: string }) => n.petitionId === id);
    expect(mine.readAt).toBeNull();
    const read = await flow.expectStatus(200, 'jco', 'POST', `/api/notifications/${mine.id}/read`);
    expect(read.readAt).not.toBeNull();
    expect((await flow.expectStatus(200, 'jco', 'POST', `/api/notifications/${mine.id}/read`)).readAt).toBe(
      read.readAt,
    );
    const theirs = await app.request('handler', 'POST', `/api/notifications/${mine.id}/read`);
    expect(theirs.status).toBe(404);
    const after = await app.request('jco', 'GET', '/api/notifications?unread=true');
    expect(after.body.unread).toBe(inbox.body.unread - 1);
  });
});

describe('the inbox', () => {
  it('lists newest first by number, across a digit boundary, and pages on from there', async () => {
    const id = await flow.register();
    // Ids far above the sequence's, one digit apart: as text, 99… would sort before 100….
    await app.pool.query(
      `INSERT INTO notifications (id, recipient, petition_id, sequence, kind, payload) VALUES
         (99999999999, 'hr-handler', $1, 900001, 'warning', '{"text": "older", "event": "deadline-warning"}'),
         (100000000000, 'hr-handler', $1, 900002, 'warning', '{"text": "newer", "event": "deadline-warning"}')`,
      [id],
    );
    const first = await flow.expectStatus(200, 'hr-handler', 'GET', '/api/notifications?pageSize=1');
    expect(first.items.map((n: { id: string }) => n.id)).toEqual(['100000000000']);
    const next = await flow.expectStatus(
      200,
      'hr-handler',
      'GET',
      '/api/notifications?pageSize=1&before=100000000000',
    );
    expect(next.items.map((n: { id: string }) => n.id)).toEqual(['99999999999']);
  });
});

describe('the return visit (回访)', () => {
  it('is recorded by the handling unit; a dissatisfied petitioner is flagged and reminded of the review', async () => {
    const id = await flow.accepted();
    await flow.post('handler', id, 'reply', { outcome: 'explained', opinion: '已答复。' });
    const early = await app.request('handler', 'POST', `/api/petitions/${id}/return-visit`, {
      reached: true,
      note: '回访',
    });
    expect([early.status, early.body.error.details?.fields?.[0]?.path]).toEqual([422, 'satisfaction']);
    const visited = await flow.post('handler', id, 'return-visit', {
      reached: true,
      satisfaction: 'dissatisfied',
      note: '信访人对答复不满意。',
    });
    expect(visited.returnVisits[0]).toMatchObject({
      followUp: true,
      reviewRightReminded: true,
      note: '信访人对答复不满意。',
    });
    expect(visited.followUp).toEqual({ since: today });
    expect(visited.deadlines.find((d: { key: string }) => d.key === 'return-visit')).toMatchObject({
      status: 'met',
    });
    const twice = await app.request('handler', 'POST', `/api/petitions/${id}/return-visit`, {
      reached: false,
      note: 'x',
    });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'transition_not_allowed']);
    const stranger = await app.request('hr-handler', 'POST', `/api/petitions/${id}/return-visit`, {
      reached: false,
      note: 'x',
    });
    expect(stranger.status).toBe(404);
    await saveHistory(id, 'case-return-visit');
  });
});

describe('the petitioner’s endpoint', () => {
  it('shows the published dates for the right code, and the same 404 for a wrong code or a missing case', async () => {
    const id = await flow.accepted();
    const detail = await flow.get('registrar', id);
    expect(detail.queryCode).toMatch(/^[A-Z2-9]{16}$/);
    expect((await flow.get('handler', id)).queryCode).toBeNull();
    const found = await flow.expectStatus(200, '', 'POST', '/api/public/lookup', {
      petitionId: id,
      queryCode: detail.queryCode,
    });
    expect(found).toMatchObject({
      id,
      dates: [
        { event: 'registered', on: detail.receivedOn },
        { event: 'transferred', on: today, unit: '青山县住房和城乡建设局' },
        { event: 'acceptance-notice', on: today },
      ],
      evaluation: { subjects: ['acceptance-notice'] },
    });
    expect(JSON.stringify(found)).not.toMatch(/handler|registrar|petitioner|description/);
    const wrong = await app.request('', 'POST', '/api/public/lookup', {
      petitionId: id,
      queryCode: 'AAAAAAAAAAAAAAAA',
    });
    const missing = await app.request('', 'POST', '/api/public/lookup', {
      petitionId: 'XF-1999-000001',
      queryCode: detail.queryCode,
    });
    expect([wrong.status, wrong.body]).toEqual([missing.status, missing.body]);
    expect(wrong.status).toBe(404);
  });

  it('records an evaluation within its window, once', async () => {
    const id = await flow.accepted();
    const { queryCode } = await flow.get('registrar', id);
    const body = { petitionId: id, queryCode, subject: 'acceptance-notice', grade: 'satisfied' };
    const evaluated = await flow.expectStatus(200, '', 'POST', '/api/public/evaluations', body);
    expect(evaluated.evaluation.given).toEqual([{ subject: 'acceptance-notice', grade: 'satisfied' }]);
    // A resubmission gets the first answer, not an error.
    const retried = await app.request('', 'POST', '/api/public/evaluations', {
      ...body,
      grade: 'dissatisfied',
    });
    expect(retried.status).toBe(200);
    expect(retried.body.evaluation.given).toEqual([{ subject: 'acceptance-notice', grade: 'satisfied' }]);
    const nothingYet = await app.request('', 'POST', '/api/public/evaluations', {
      ...body,
      subject: 'written-reply',
    });
    expect([nothingYet.status, nothingYet.body.error.code]).toEqual([409, 'transition_not_allowed']);
    const wrongCode = await app.request('', 'POST', '/api/public/evaluations', {
      ...body,
      queryCode: 'X',
    });
    expect(wrongCode.status).toBe(404);
    await saveHistory(id, 'case-evaluation');
  });

  it('is rate-limited per client address', async () => {
    const limited = await startTestApp('supervision-api-limited', { publicRateLimit: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.request('', 'POST', '/api/public/lookup', {
          petitionId: 'XF-1999-000001',
          queryCode: 'X',
        });
        statuses.push(r.status);
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.stop();
    }
  });
});
