import { startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';
import { testToken } from '../support/sign-in';

/**
 * The dispute screening register (矛盾纠纷排查, issue 23 item 3) through the API on the real stack: rounds,
 * disputes, dated outcomes, the link to a case, scope refusals, bad input that writes nothing, idempotent
 * retries, and the summary's exact figures for a fixed March 2025 (no other test screens in that month).
 */
let app: TestApp;
let flow: PetitionFlow;
/** A case of the county bureau: the supervisor sees it, the housing bureau does not (it is not routed). */
let caseId: string;

/** The rounds and disputes the first test records, for the tests after it. */
const ids = {} as Record<'r1' | 'r2' | 'r3' | 'r4' | 'd1' | 'd2' | 'd3' | 'd4' | 'd5' | 'd6' | 'd7', string>;

beforeAll(async () => {
  app = await startTestApp('screening-api');
  flow = new PetitionFlow(app);
  caseId = await flow.register();
});

afterAll(async () => {
  await app?.stop();
});

async function created(login: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const answer = await app.request(login, 'POST', path, body, headers);
  if (answer.status !== 201)
    throw new Error(`POST ${path} as ${login}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const round = (login: string, body: Record<string, unknown>) => created(login, '/api/screening/rounds', body);
const dispute = (login: string, roundId: string, body: Record<string, unknown>) =>
  created(login, `/api/screening/rounds/${roundId}/disputes`, body);
const outcome = (login: string, disputeId: string, body: Record<string, unknown>) =>
  created(login, `/api/screening/disputes/${disputeId}/outcomes`, body);

const found = (
  classification: string,
  parties: number,
  riskLevel: string,
  extra: Record<string, unknown> = {},
) => ({
  classification,
  summary: '排查发现的矛盾纠纷',
  place: '石桥村',
  parties,
  riskLevel,
  ...extra,
});

/** How many rows the register holds: a refused request must leave them as they were. */
async function registerRows() {
  const { rows } = await app.pool.query(
    `SELECT (SELECT count(*) FROM screening_rounds)::int AS rounds,
            (SELECT count(*) FROM screening_disputes)::int AS disputes,
            (SELECT count(*) FROM screening_outcomes)::int AS outcomes`,
  );
  return rows[0] as { rounds: number; disputes: number; outcomes: number };
}

describe('recording screening', () => {
  it('records rounds, the disputes they found and dated outcomes, one of them linked to its case', async () => {
    const r1 = await round('supervisor', {
      unit: 'baishi-town-government',
      periodStart: '2025-03-01',
      periodEnd: '2025-03-15',
      heldOn: '2025-03-16',
      ledBy: '白石镇党委副书记',
    });
    expect(r1).toMatchObject({
      id: expect.stringMatching(/^scr-/),
      unit: { id: 'baishi-town-government', name: '白石镇人民政府' },
      kind: 'regular',
      heldOn: '2025-03-16',
      recordedBy: 'supervisor',
      disputes: [],
    });
    ids.r1 = r1.id;
    ids.d1 = (await dispute('supervisor', r1.id, found('agriculture.land-contracting', 14, 'medium'))).id;
    ids.d2 = (
      await dispute('supervisor', r1.id, found('labour-and-social-security.migrant-worker-wages', 23, 'high'))
    ).id;
    ids.d3 = (
      await dispute('supervisor', r1.id, found('urban-construction.land-expropriation', 6, 'high'))
    ).id;
    ids.d4 = (await dispute('supervisor', r1.id, found('agriculture.village-finance', 3, 'low'))).id;
    await outcome('supervisor', ids.d1, { outcome: 'mediated', on: '2025-03-20' });
    await outcome('supervisor', ids.d2, { outcome: 'resolved', on: '2025-03-25' });
    const linked = await outcome('supervisor', ids.d3, {
      outcome: 'petition',
      on: '2025-03-28',
      petitionId: caseId,
    });
    expect(linked).toMatchObject({
      outcome: 'petition',
      outcomeOn: '2025-03-28',
      petitionId: caseId,
      parties: 6,
      riskLevel: 'high',
      classification: {
        code: 'urban-construction.land-expropriation',
        name: '征地拆迁',
        category: 'urban-construction',
      },
      handlingUnit: { id: 'baishi-town-government' },
      history: [{ outcome: 'petition', on: '2025-03-28', petitionId: caseId, recordedBy: 'supervisor' }],
    });

    const r2 = await round('supervisor', {
      unit: 'chengguan-street-office',
      kind: 'concentrated',
      periodStart: '2025-03-01',
      periodEnd: '2025-03-31',
      heldOn: '2025-03-31',
      ledBy: '城关街道办事处主任',
    });
    ids.r2 = r2.id;
    // Handled by the county housing bureau: its handler records the outcome (after the month: open at its end).
    ids.d5 = (
      await dispute(
        'supervisor',
        r2.id,
        found('urban-construction.property-management', 9, 'medium', { handlingUnit: 'qingshan-housing' }),
      )
    ).id;
    await outcome('handler', ids.d5, { outcome: 'resolved', on: '2025-04-05' });
    ids.d6 = (await dispute('supervisor', r2.id, found('other', 2, 'high'))).id;
    await outcome('supervisor', ids.d6, { outcome: 'mediated', on: '2025-03-31' });
    await outcome('supervisor', ids.d6, {
      outcome: 'open',
      on: '2025-04-02',
      note: '调解协议未履行，重新打开。',
    });

    // A department screens its own field.
    const r3 = await round('handler', {
      kind: 'focused',
      periodStart: '2025-03-10',
      periodEnd: '2025-03-20',
      heldOn: '2025-03-20',
      ledBy: '住建局副局长',
    });
    expect(r3.unit.id).toBe('qingshan-housing');
    ids.r3 = r3.id;
    ids.d7 = (await dispute('handler', r3.id, found('urban-construction.housing', 4, 'low'))).id;
    await outcome('handler', ids.d7, { outcome: 'resolved', on: '2025-03-22' });

    // April: outside the month the figures below count.
    const r4 = await round('supervisor', {
      unit: 'baishi-town-government',
      periodStart: '2025-03-16',
      periodEnd: '2025-03-31',
      heldOn: '2025-04-01',
      ledBy: '白石镇党委副书记',
    });
    ids.r4 = r4.id;
    await dispute('supervisor', r4.id, found('agriculture', 30, 'high'));

    const detail = await app.request('supervisor', 'GET', `/api/screening/rounds/${ids.r2}`);
    expect(detail.status).toBe(200);
    expect(
      detail.body.disputes.map((d: { id: string; outcome: string; handlingUnit: { id: string } }) => [
        d.id,
        d.outcome,
        d.handlingUnit.id,
      ]),
    ).toEqual([
      [ids.d5, 'resolved', 'qingshan-housing'],
      [ids.d6, 'open', 'chengguan-street-office'],
    ]);
    expect(
      detail.body.disputes[1].history.map((h: { outcome: string; on: string }) => [h.outcome, h.on]),
    ).toEqual([
      ['mediated', '2025-03-31'],
      ['open', '2025-04-02'],
    ]);

    const list = await app.request(
      'supervisor',
      'GET',
      '/api/screening/rounds?from=2025-03-01&to=2025-03-31',
    );
    expect(list.status).toBe(200);
    expect(
      list.body.items.map((r: { id: string; disputes: number; open: number }) => [r.id, r.disputes, r.open]),
    ).toEqual([
      [ids.r2, 2, 1],
      [ids.r3, 1, 0],
      [ids.r1, 4, 1],
    ]);
  });

  it('gives the summary’s exact screening figures for the month, by the period’s end or the as-of date', async () => {
    const summary = async (query: string) => {
      const answer = await app.request('supervisor', 'GET', `/api/reports/summary?${query}`);
      expect(answer.status).toBe(200);
      return answer.body.screening;
    };
    expect(await summary('from=2025-03-01&to=2025-03-31&asOf=2025-04-10')).toEqual({
      rounds: { held: 3, concentrated: 1, focused: 1 },
      disputes: {
        found: 7,
        mediated: 2,
        resolved: 2,
        becamePetitions: 1,
        open: 2,
        openByRisk: { high: 0, medium: 1, low: 1 },
      },
      resolutionRate: { rate: 57.1, numerator: 4, denominator: 7 },
    });
    // Known by 21 March: only the first mediation had happened.
    expect(await summary('from=2025-03-01&to=2025-03-31&asOf=2025-03-21')).toMatchObject({
      disputes: {
        found: 7,
        mediated: 1,
        resolved: 0,
        becamePetitions: 0,
        open: 6,
        openByRisk: { high: 3, medium: 1, low: 2 },
      },
    });
    // The housing bureau's own scope: its focused round only.
    expect(
      await summary('from=2025-03-01&to=2025-03-31&asOf=2025-04-10&unit=qingshan-housing'),
    ).toMatchObject({
      rounds: { held: 1, concentrated: 0, focused: 1 },
      disputes: { found: 1, resolved: 1 },
      resolutionRate: { rate: 100, numerator: 1, denominator: 1 },
    });
    // Nobody screened: explicit zeros and no rate.
    expect(await summary('from=2019-01-01&to=2019-01-31&asOf=2019-02-01')).toEqual({
      rounds: { held: 0, concentrated: 0, focused: 0 },
      disputes: {
        found: 0,
        mediated: 0,
        resolved: 0,
        becamePetitions: 0,
        open: 0,
        openByRisk: { high: 0, medium: 0, low: 0 },
      },
      resolutionRate: { rate: null, numerator: 0, denominator: 0 },
    });

    const csv = await fetch(
      `${app.baseUrl}/api/reports/summary?from=2025-03-01&to=2025-03-31&asOf=2025-04-10&format=csv`,
      {
        headers: { authorization: `Bearer ${await testToken('supervisor')}` },
      },
    );
    const text = await csv.text();
    // Each line's own columns, then the comparisons' (上期, 上年同期, …).
    expect(text).toContain('\r\n矛盾纠纷排查(次),roundsHeld,3,,,');
    expect(text).toContain('\r\n排查出矛盾纠纷(起),disputesFound,7,,,');
    expect(text).toContain('\r\n未化解·中风险(起),openMediumRisk,1,,,');
    expect(text).toContain('\r\n排查纠纷化解率(%),screeningResolutionRate,57.1,4,7,');
  });
});

describe('scope', () => {
  it('shows a round to its unit’s scope only; others get 404', async () => {
    expect((await app.request('city-handler', 'GET', `/api/screening/rounds/${ids.r3}`)).status).toBe(200);
    expect((await app.request('hr-handler', 'GET', `/api/screening/rounds/${ids.r3}`)).status).toBe(404);
    expect((await app.request('handler', 'GET', `/api/screening/rounds/${ids.r1}`)).status).toBe(404);
    const list = await app.request(
      'hr-handler',
      'GET',
      '/api/screening/rounds?from=2025-03-01&to=2025-03-31',
    );
    expect([list.status, list.body.items]).toEqual([200, []]);
  });

  it('refuses a unit or a case outside the caller’s scope, and admins record nothing; nothing is written', async () => {
    const before = await registerRows();
    const days = {
      periodStart: '2025-05-01',
      periodEnd: '2025-05-31',
      heldOn: '2025-05-31',
      ledBy: '某领导',
    };
    const answers = await Promise.all([
      app.request('handler', 'POST', '/api/screening/rounds', { ...days, unit: 'baishi-town-government' }),
      app.request('admin', 'POST', '/api/screening/rounds', days),
      app.request(
        'supervisor',
        'POST',
        `/api/screening/rounds/${ids.r1}/disputes`,
        found('other', 2, 'low', { handlingUnit: 'dongling-hr' }),
      ),
      app.request('hr-handler', 'POST', `/api/screening/rounds/${ids.r1}/disputes`, found('other', 2, 'low')),
      app.request('hr-handler', 'POST', `/api/screening/disputes/${ids.d4}/outcomes`, {
        outcome: 'resolved',
        on: '2025-04-01',
      }),
      // The housing bureau handles d5 but cannot see the case it would link.
      app.request('handler', 'POST', `/api/screening/disputes/${ids.d5}/outcomes`, {
        outcome: 'petition',
        on: '2025-04-06',
        petitionId: caseId,
      }),
      app.request('supervisor', 'GET', '/api/screening/rounds?unit=dongling-hr'),
    ]);
    expect(answers.map((a) => [a.status, a.body.error.code])).toEqual([
      [403, 'forbidden'],
      [403, 'forbidden'],
      [403, 'forbidden'],
      [404, 'not_found'],
      [404, 'not_found'],
      [404, 'not_found'],
      [403, 'forbidden'],
    ]);
    expect(await registerRows()).toEqual(before);
  });
});

describe('bad input', () => {
  it('answers 4xx with a code naming the field, and writes nothing', async () => {
    const before = await registerRows();
    const days = {
      periodStart: '2025-05-01',
      periodEnd: '2025-05-31',
      heldOn: '2025-05-31',
      ledBy: '某领导',
    };
    const cases: Array<[string, string, unknown, number, string, string?]> = [
      [
        '/api/screening/rounds',
        'period ends before it starts',
        { ...days, periodEnd: '2025-04-30' },
        422,
        'validation_failed',
        'periodEnd',
      ],
      [
        '/api/screening/rounds',
        'held before the period',
        { ...days, heldOn: '2025-04-30' },
        422,
        'validation_failed',
        'heldOn',
      ],
      [
        '/api/screening/rounds',
        'no such unit',
        { ...days, unit: 'atlantis-bureau' },
        422,
        'validation_failed',
        'unit',
      ],
      [
        '/api/screening/rounds',
        'unknown kind',
        { ...days, kind: 'weekly' },
        422,
        'validation_failed',
        'kind',
      ],
      [
        `/api/screening/rounds/${ids.r1}/disputes`,
        'no parties',
        found('other', 0, 'low'),
        422,
        'validation_failed',
        'parties',
      ],
      [
        `/api/screening/rounds/${ids.r1}/disputes`,
        'names for parties',
        { ...found('other', 2, 'low'), partyNames: ['张三'] },
        422,
        'validation_failed',
        'partyNames',
      ],
      [
        `/api/screening/rounds/${ids.r1}/disputes`,
        'unknown code',
        found('housing', 2, 'low'),
        422,
        'validation_failed',
        'classification',
      ],
      [
        `/api/screening/rounds/${ids.r1}/disputes`,
        'unknown risk',
        found('other', 2, 'extreme'),
        422,
        'validation_failed',
        'riskLevel',
      ],
      [
        `/api/screening/rounds/scr-00000000-0000-0000-0000-000000000000/disputes`,
        'no such round',
        found('other', 2, 'low'),
        404,
        'not_found',
      ],
      [
        `/api/screening/disputes/${ids.d4}/outcomes`,
        'petition without its case',
        { outcome: 'petition', on: '2025-04-01' },
        422,
        'validation_failed',
        'petitionId',
      ],
      [
        `/api/screening/disputes/${ids.d4}/outcomes`,
        'before the round',
        { outcome: 'resolved', on: '2025-03-15' },
        422,
        'validation_failed',
        'on',
      ],
      [
        `/api/screening/disputes/${ids.d1}/outcomes`,
        'before the latest outcome',
        { outcome: 'resolved', on: '2025-03-19' },
        422,
        'validation_failed',
        'on',
      ],
      [
        `/api/screening/disputes/${ids.d1}/outcomes`,
        'no change',
        { outcome: 'mediated', on: '2025-04-01' },
        409,
        'outcome_unchanged',
      ],
      [
        `/api/screening/disputes/${ids.d4}/outcomes`,
        'a case that does not exist',
        { outcome: 'petition', on: '2025-04-01', petitionId: 'XF-1999-999999' },
        404,
        'not_found',
      ],
    ];
    const got = [];
    for (const [path, what, body] of cases) {
      const answer = await app.request('supervisor', 'POST', path, body);
      const fields = (answer.body.error.details?.fields ?? []).map((f: { path: string }) => f.path);
      got.push([what, answer.status, answer.body.error.code, ...(fields.length ? [fields[0]] : [])]);
    }
    expect(got).toEqual(
      cases.map(([, what, , status, code, field]) => [what, status, code, ...(field ? [field] : [])]),
    );
    expect(await registerRows()).toEqual(before);
  });
});

describe('concurrent changes', () => {
  it('decides two outcomes sent at once one after the other: one recorded, the other no change', async () => {
    const r = await round('supervisor', {
      unit: 'chengguan-street-office',
      periodStart: '2025-07-01',
      periodEnd: '2025-07-31',
      heldOn: '2025-07-31',
      ledBy: '并发测试',
    });
    const d = await dispute('supervisor', r.id, found('other', 2, 'low'));
    const change = { outcome: 'mediated', on: '2025-08-01' };
    const path = `/api/screening/disputes/${d.id}/outcomes`;
    const answers = await Promise.all([
      app.request('supervisor', 'POST', path, change),
      app.request('registrar', 'POST', path, change),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const { rows } = await app.pool.query(
      'SELECT count(*)::int AS n FROM screening_outcomes WHERE dispute_id = $1',
      [d.id],
    );
    expect(rows[0].n).toBe(1);
  });
});

describe('retries', () => {
  it('does the work once for a retried request: replayed by its key, or run again after a lost answer', async () => {
    const body = {
      unit: 'baishi-town-government',
      periodStart: '2025-06-01',
      periodEnd: '2025-06-15',
      heldOn: '2025-06-16',
      ledBy: '重试测试',
    };
    const key = { 'Idempotency-Key': 'screening-retry-round' };
    const first = await created('supervisor', '/api/screening/rounds', body, key);
    const replay = await app.request('supervisor', 'POST', '/api/screening/rounds', body, key);
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.body.id]).toEqual([
      201,
      'true',
      first.id,
    ]);

    // The answer was lost (the key holds no answer): the request runs again and finds its own round.
    await app.pool.query(`DELETE FROM idempotency_keys WHERE key = 'screening-retry-round'`);
    const again = await created('supervisor', '/api/screening/rounds', body, key);
    expect(again.id).toBe(first.id);
    const { rows } = await app.pool.query(
      `SELECT count(*)::int AS n FROM screening_rounds WHERE led_by = '重试测试'`,
    );
    expect(rows[0].n).toBe(1);

    const disputeKey = { 'Idempotency-Key': 'screening-retry-dispute' };
    const d = await created(
      'supervisor',
      `/api/screening/rounds/${first.id}/disputes`,
      found('other', 2, 'low'),
      disputeKey,
    );
    await app.pool.query(`DELETE FROM idempotency_keys WHERE key = 'screening-retry-dispute'`);
    expect(
      (
        await created(
          'supervisor',
          `/api/screening/rounds/${first.id}/disputes`,
          found('other', 2, 'low'),
          disputeKey,
        )
      ).id,
    ).toBe(d.id);

    const outcomeKey = { 'Idempotency-Key': 'screening-retry-outcome' };
    const change = { outcome: 'resolved', on: '2025-06-20' };
    await created('supervisor', `/api/screening/disputes/${d.id}/outcomes`, change, outcomeKey);
    await app.pool.query(`DELETE FROM idempotency_keys WHERE key = 'screening-retry-outcome'`);
    // Not "no change" (409): the same request, answered as the first run was.
    const rerun = await created('supervisor', `/api/screening/disputes/${d.id}/outcomes`, change, outcomeKey);
    expect(rerun.history).toHaveLength(1);
    const detail = await app.request('supervisor', 'GET', `/api/screening/rounds/${first.id}`);
    expect(detail.body.disputes).toHaveLength(1);
    expect(detail.body.disputes[0]).toMatchObject({
      outcome: 'resolved',
      history: [{ outcome: 'resolved' }],
    });
  });
});
