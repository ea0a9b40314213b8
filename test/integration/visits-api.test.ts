import { randomUUID } from 'node:crypto';
import { addDays } from '../../src/rules/dates';
import { shanghaiToday, startTestApp, type TestApp, validRegistration } from '../support/harness';
import { testToken } from '../support/sign-in';

/**
 * The visit register (issue 23 item 1) through the API on the real stack: visits (new registrations and
 * repeat visits), reception sessions, leaders' instructions, the case detail and the summary's figures. The
 * figures are counted over a window 200 days back, which only this file writes visits, sessions and
 * instructions to (the demo's visits lie within the last 90 days; the access matrix records today's).
 */
let app: TestApp;
const today = shanghaiToday();
const W0 = addDays(today, -200);
const W1 = addDays(today, -199);
const W2 = addDays(today, -198);
const W3 = addDays(today, -197);

beforeAll(async () => {
  app = await startTestApp('visits-api');
});

afterAll(async () => {
  await app?.stop();
});

const { channel: _channel, ...registrationOf } = validRegistration();
/** A registration a visit makes (no channel: it is a visit), with a subject to find its petition by. */
const registration = (receivedOn: string, subject = `来访-${randomUUID()}`) => ({
  ...registrationOf,
  receivedOn,
  subject,
});

async function post(login: string, path: string, body: unknown, key?: string) {
  return app.request(login, 'POST', path, body, key ? { 'Idempotency-Key': key } : {});
}

async function visit(body: Record<string, unknown>, login = 'registrar') {
  const answer = await post(login, '/api/visits', { place: '县信访局接待大厅', ...body });
  expect(answer.status).toBe(201);
  return answer.body;
}

async function session(kind: string, heldOn: string, leaders: number, login = 'registrar') {
  const answer = await post(login, '/api/reception-sessions', {
    kind,
    heldOn,
    leader: '县委副书记',
    leaders,
    place: '县信访局',
  });
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

const countRows = async (sql: string, params: unknown[]) =>
  (await app.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;

describe('the visit register', () => {
  let caseA: string;
  let caseC: string;
  let downVisitSession: string;

  beforeAll(async () => {
    // The fixed dataset: each visit's counts in the comment beside it; the figures' test adds them up.
    const s1 = await session('leaderReception', W1, 1);
    const s2 = await session('downVisit', W2, 3);
    downVisitSession = s2;
    await session('downVisit', W2, 2);
    const s4 = await session('jointReception', W3, 4);
    // a: registers case A at the desk, 1 batch of 2: first-time, local.
    const a = await visit({
      visitedOn: W0,
      persons: 2,
      registration: registration(W0),
      reception: { kind: 'reception' },
    });
    caseA = a.petitionId;
    // b: on A at the leader's reception day, 6 persons: a group visit, repeat.
    await visit({
      visitedOn: W1,
      persons: 6,
      caseId: caseA,
      reception: { kind: 'leaderReception', sessionId: s1 },
    });
    // c: registers case C by appointment, 7 persons (a group petition too): group, first-time.
    const c = await visit({
      visitedOn: W1,
      persons: 7,
      group: true,
      registration: { ...registration(W1), group: { persons: 7, representatives: 3 } },
      reception: { kind: 'appointment', receivedBy: '县住建局局长' },
    });
    caseC = c.petitionId;
    // d: on A at a down-visit, 2 batches of 3 persons: repeat, not a group.
    await visit({
      visitedOn: W2,
      batches: 2,
      persons: 3,
      caseId: caseA,
      reception: { kind: 'downVisit', sessionId: s2 },
    });
    // e: on A, made in Beijing and reported down: 1 person, repeat.
    await visit({ visitedOn: W2, persons: 1, caseId: caseA, destination: 'beijing', place: '国家信访局' });
    // f: made at the city and reported down, registered a day later: 5 persons, group, first-time.
    await visit({
      visitedOn: W2,
      persons: 5,
      registration: registration(W3),
      destination: 'city',
      place: '市信访局',
    });
    // g: on A at the joint reception, 4 persons: repeat.
    await visit({
      visitedOn: W3,
      persons: 4,
      caseId: caseA,
      reception: { kind: 'jointReception', sessionId: s4 },
    });
    // Instructions: two on A, one on C.
    for (const [id, kind, on] of [
      [caseA, 'reading', W1],
      [caseA, 'instruction', W2],
      [caseC, 'reading', W3],
    ] as const) {
      const answer = await post('registrar', `/api/petitions/${id}/instructions`, {
        kind,
        instructedOn: on,
        leader: '县长',
        text: '请县住建局依法依规办理。',
      });
      expect(answer.status).toBe(201);
    }
  });

  it('registers a petition through a visit (channel visit) and counts repeat visits on the case, without a new case', async () => {
    const detail = await app.request('registrar', 'GET', `/api/petitions/${caseA}`);
    expect(detail.status).toBe(200);
    expect(detail.body.channel).toBe('visit');
    // a, b, d, e and g: 1+1+2+1+1 batches, 2+6+3+1+4 persons.
    expect(detail.body.visits).toMatchObject({ count: 5, batches: 6, persons: 16 });
    expect(detail.body.visits.items.map((v: { repeat: boolean }) => v.repeat)).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
    expect(detail.body.visits.items[1]).toMatchObject({ group: true, reception: 'leaderReception' });
    expect(detail.body.leaderInstructions.count).toBe(2);
    expect(detail.body.leaderInstructions.items[0]).toMatchObject({
      kind: 'reading',
      leader: '县长',
      recordedBy: 'registrar',
    });
    // Counts only: no name or ID number on a visit.
    expect(JSON.stringify(detail.body.visits)).not.toContain(registrationOf.petitioner.name);
  });

  it('shows a reception session with the visits received at it, within the scope that holds its unit', async () => {
    const read = await app.request('supervisor', 'GET', `/api/reception-sessions/${downVisitSession}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      kind: 'downVisit',
      heldOn: W2,
      leaders: 3,
      unitId: 'qingshan-petition-bureau',
    });
    expect(read.body.visits).toMatchObject({ count: 1, batches: 2, persons: 3 });
    const outside = await app.request('hr-handler', 'GET', `/api/reception-sessions/${downVisitSession}`);
    expect(outside.status).toBe(404);
  });

  it('gives the summary’s visit figures exactly for the dataset', async () => {
    const summary = await app.request('supervisor', 'GET', `/api/reports/summary?from=${W0}&to=${W3}`);
    expect(summary.status).toBe(200);
    expect(summary.body.visits).toEqual({
      batches: 8,
      persons: 28,
      byDestination: {
        local: { batches: 6, persons: 22 },
        city: { batches: 1, persons: 5 },
        province: { batches: 0, persons: 0 },
        beijing: { batches: 1, persons: 1 },
      },
      group: { batches: 3, persons: 18 },
      firstTime: { batches: 3, persons: 14 },
      repeat: { batches: 5, persons: 14 },
      byReception: {
        reception: { batches: 1, persons: 2 },
        leaderReception: { batches: 1, persons: 6 },
        appointment: { batches: 1, persons: 7 },
        downVisit: { batches: 2, persons: 3 },
        jointReception: { batches: 1, persons: 4 },
      },
      leaderReceptionDays: 1,
      downVisits: { count: 2, leaders: 5 },
      jointReceptions: 1,
      instructions: { count: 3, cases: 2 },
    });
  });

  it('answers the CSV with a line per visit figure', async () => {
    const response = await fetch(`${app.baseUrl}/api/reports/summary?from=${W0}&to=${W3}&format=csv`, {
      headers: { authorization: `Bearer ${await testToken('supervisor')}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('来访人次(人次),visitsPersons,28');
    expect(text).toContain('进京批次(批),beijingBatches,1');
    expect(text).toContain('党政领导下访人次(人次),downVisitLeaders,5');
    expect(text).toContain('领导阅批件(件),instructedCases,2');
  });

  it('counts zeros for a period without visits, and nothing outside the caller’s scope', async () => {
    const empty = await app.request(
      'supervisor',
      'GET',
      `/api/reports/summary?from=${addDays(W0, -30)}&to=${addDays(W0, -1)}`,
    );
    expect(empty.status).toBe(200);
    expect(empty.body.visits).toMatchObject({
      batches: 0,
      persons: 0,
      leaderReceptionDays: 0,
      instructions: { count: 0, cases: 0 },
    });
    // The county's HR bureau: none of the bureau's visits or sessions lie in its scope.
    const hr = await app.request('hr-handler', 'GET', `/api/reports/summary?from=${W0}&to=${W3}`);
    expect(hr.status).toBe(200);
    expect(hr.body.visits).toMatchObject({
      batches: 0,
      persons: 0,
      leaderReceptionDays: 0,
      downVisits: { count: 0 },
    });
  });
});

describe('refusals: a clear error, nothing written', () => {
  const bad = async (body: Record<string, unknown>, login = 'registrar') => {
    const subject = `拒绝-${randomUUID()}`;
    const answer = await post(login, '/api/visits', {
      visitedOn: today,
      place: '县信访局',
      reception: { kind: 'reception' },
      registration: registration(today, subject),
      ...body,
    });
    // Nothing written: no petition registered on the way.
    expect(await countRows('petitions WHERE subject = $1', [subject])).toBe(0);
    return {
      status: answer.status,
      code: answer.body?.error?.code,
      fields: answer.body?.error?.details?.fields,
    };
  };

  it('refuses 0 persons, batches that do not add up, and a group of fewer than five', async () => {
    expect(await bad({ persons: 0 })).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(await bad({ batches: 3, persons: 2 })).toMatchObject({
      status: 422,
      fields: [{ path: 'persons' }],
    });
    expect(await bad({ persons: 4, group: true })).toMatchObject({
      status: 422,
      fields: [{ path: 'group' }],
    });
    expect(await bad({ persons: 1, visitedOn: addDays(today, 1) })).toMatchObject({
      status: 422,
      fields: [{ path: 'visitedOn' }],
    });
    expect(await bad({ persons: 1, destination: 'city' })).toMatchObject({
      status: 422,
      fields: [{ path: 'destination' }],
    });
    expect(await bad({ persons: 1, name: '张三' })).toMatchObject({ status: 422, code: 'validation_failed' });
  });

  it('refuses an unknown case and a case outside the caller’s scope', async () => {
    const unknown = await post('registrar', '/api/visits', {
      visitedOn: today,
      place: '县信访局',
      persons: 1,
      caseId: 'XF-2099-999999',
      reception: { kind: 'reception' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    // A case the city's housing bureau registered directly: its bureau is the city's, not the county's.
    const city = await post('city-handler', '/api/petitions', validRegistration(today));
    expect(city.status).toBe(201);
    const outside = await post('registrar', '/api/visits', {
      visitedOn: today,
      place: '县信访局',
      persons: 1,
      caseId: city.body.id,
      reception: { kind: 'reception' },
    });
    expect(outside.status).toBe(404);
    expect(await countRows('visits WHERE petition_id = $1', [city.body.id])).toBe(0);
    const instruction = await post('registrar', `/api/petitions/${city.body.id}/instructions`, {
      kind: 'reading',
      instructedOn: today,
      leader: '县长',
      text: '阅。',
    });
    expect(instruction.status).toBe(404);
    expect(await countRows('case_instructions WHERE petition_id = $1', [city.body.id])).toBe(0);
  });

  it('refuses a session of another unit, and a session the visit’s kind or day does not match', async () => {
    const cityHeld = await session('leaderReception', today, 1, 'city-handler');
    expect(
      await bad({ persons: 1, reception: { kind: 'leaderReception', sessionId: cityHeld } }),
    ).toMatchObject({ status: 422, fields: [{ path: 'reception.sessionId' }] });
    const own = await session('jointReception', today, 2);
    expect(await bad({ persons: 1, reception: { kind: 'downVisit', sessionId: own } })).toMatchObject({
      status: 422,
      fields: [{ path: 'reception.kind' }],
    });
    expect(await bad({ persons: 1, reception: { kind: 'leaderReception' } })).toMatchObject({
      status: 422,
      fields: [{ path: 'reception.sessionId' }],
    });
  });

  it('refuses a visit from a unit that receives none: the joint-conference office', async () => {
    expect(await bad({ persons: 1 }, 'jco')).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('the record', () => {
  it('is append-only for the runtime role: what was recorded stays on file', async () => {
    // The test app's pool acts as the runtime role, as the API does.
    for (const table of ['visits', 'reception_sessions', 'case_instructions']) {
      await expect(app.pool.query(`UPDATE ${table} SET id = id`)).rejects.toThrow(/permission denied/);
      await expect(app.pool.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
    }
  });
});

describe('retries', () => {
  it('records a visit that registers a case once under one Idempotency-Key, and answers the visit again', async () => {
    const key = `visit-${randomUUID()}`;
    const subject = `重试-${randomUUID()}`;
    const body = {
      visitedOn: today,
      place: '县信访局接待大厅',
      persons: 3,
      registration: registration(today, subject),
      reception: { kind: 'reception' },
    };
    const first = await post('registrar', '/api/visits', body, key);
    expect(first.status).toBe(201);
    expect(first.body.id).toMatch(/^visit-/);
    const again = await post('registrar', '/api/visits', body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await countRows('petitions WHERE subject = $1', [subject])).toBe(1);
    expect(await countRows('visits WHERE petition_id = $1', [first.body.petitionId])).toBe(1);
  });

  it('records a session and an instruction once under one key', async () => {
    const key = `session-${randomUUID()}`;
    const place = `白石镇-${key}`;
    const body = { kind: 'downVisit', heldOn: today, leader: '副县长', leaders: 2, place };
    const first = await post('registrar', '/api/reception-sessions', body, key);
    const again = await post('registrar', '/api/reception-sessions', body, key);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await countRows('reception_sessions WHERE place = $1', [place])).toBe(1);
    const registered = await post('registrar', '/api/petitions', validRegistration(today));
    const path = `/api/petitions/${registered.body.id}/instructions`;
    const instruction = { kind: 'instruction', instructedOn: today, leader: '县委书记', text: '限期办结。' };
    const i1 = await post('registrar', path, instruction, `ins-${key}`);
    const i2 = await post('registrar', path, instruction, `ins-${key}`);
    expect(i1.status).toBe(201);
    expect(i2.body).toEqual(i1.body);
    expect(await countRows('case_instructions WHERE petition_id = $1', [registered.body.id])).toBe(1);
  });
});
