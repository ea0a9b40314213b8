import { computeDeadlines } from '../../src/activities/compute-deadline';
import { addDays } from '../../src/rules/dates';
import { shanghaiToday, startTestApp, type TestApp, validRegistration } from '../support/harness';

/**
 * Who registers a petition and where it goes (issue 20, item 4): a unit with authority that receives a
 * petition directly registers it under its own D2 (Art 23 ¶1–2); a bureau transfers a petition whose
 * responsible unit lies outside its area to that area's bureau (转出), which routes it under a fresh D1.
 */
let app: TestApp;

/** A neighbouring county under the same city, with its bureau and housing bureau; a county government. */
async function addNeighbourCounty(a: TestApp): Promise<void> {
  await a.pool.query(
    `INSERT INTO regions (id, name, level, parent_id) VALUES ('baishui', '白水县', 'county', 'yunzhou')
     ON CONFLICT (id) DO NOTHING`,
  );
  await a.pool.query(
    `INSERT INTO units (id, name, kind, level, region_id, parent_id) VALUES
       ('baishui-petition-bureau', '白水县信访局', 'petition-bureau', 'county', 'baishui', 'yunzhou-petition-bureau'),
       ('baishui-housing', '白水县住房和城乡建设局', 'department', 'county', 'baishui', 'yunzhou-housing'),
       ('qingshan-government', '青山县人民政府', 'government', 'county', 'qingshan', NULL)
     ON CONFLICT (id) DO NOTHING`,
  );
  await a.pool.query(
    `INSERT INTO users (login, display_name, unit_id, roles) VALUES
       ('baishui-registrar', 'Registrar, Baishui bureau', 'baishui-petition-bureau', '{registrar,supervisor}'),
       ('baishui-handler', 'Handler, Baishui housing', 'baishui-housing', '{handler}'),
       ('gov-handler', 'Petition desk, Qingshan government', 'qingshan-government', '{handler}'),
       ('town-desk', 'Petition desk, Baishi town', 'baishi-town-government', '{handler}'),
       ('jco-registrar', 'Officer, Qingshan office, with a registrar role', 'qingshan-jco', '{registrar}'),
       ('wr-city-supervisor', 'Supervisor, Yunzhou bureau', 'yunzhou-petition-bureau', '{supervisor}')
     ON CONFLICT (login) DO NOTHING`,
  );
}

beforeAll(async () => {
  app = await startTestApp('who-registers');
  await addNeighbourCounty(app);
});

afterAll(async () => {
  await app?.stop();
});

/** The due date the case's rule set gives a deadline started on a date (the engine's, never by hand). */
const dueDate = (key: string, startDate: string) =>
  computeDeadlines({ ruleSetId: 'national-2022', requests: [{ key, startDate }] })[0]!.dueDate;

const deadlinesOf = (detail: any, key: string) =>
  (detail.deadlines as Array<{ key: string }>).filter((d) => d.key === key);

async function listed(login: string, id: string): Promise<boolean> {
  const list = await app.request(login, 'GET', '/api/petitions?pageSize=100');
  expect(list.status).toBe(200);
  return list.body.items.some((item: { id: string }) => item.id === id);
}

async function register(login: string, receivedOn = shanghaiToday()) {
  const response = await app.request(login, 'POST', '/api/petitions', validRegistration(receivedOn));
  if (response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

describe('a petition a department received directly (Art 23)', () => {
  it('is registered by the department, whose D2 starts at once; the bureau of its region sees it', async () => {
    const receivedOn = addDays(shanghaiToday(), -2);
    const detail = await register('handler', receivedOn);
    expect(detail).toMatchObject({
      status: 'transferred',
      bureauUnitId: 'qingshan-petition-bureau',
      handlingUnitId: 'qingshan-housing',
      receivedBy: { unitId: 'qingshan-housing', unitName: '青山县住房和城乡建设局' },
      routing: null,
      actingUnitId: 'qingshan-housing',
    });
    expect(deadlinesOf(detail, 'acknowledge')).toEqual([
      expect.objectContaining({
        status: 'running',
        startDate: receivedOn,
        dueDate: dueDate('acknowledge', receivedOn),
      }),
    ]);
    expect(deadlinesOf(detail, 'route')).toEqual([]);
    expect(deadlinesOf(detail, 'object')).toEqual([]);
    expect(detail.timeline[0]).toMatchObject({
      type: 'registered',
      actor: 'handler',
      data: { receivedBy: { unitId: 'qingshan-housing' } },
    });
    // The department's desk met the petitioner: it hands out the query code, not the bureau.
    expect(detail.queryCode).toEqual(expect.any(String));

    const atBureau = await app.request('registrar', 'GET', `/api/petitions/${detail.id}`);
    expect([atBureau.status, atBureau.body.queryCode]).toEqual([200, null]);
    expect(await listed('registrar', detail.id)).toBe(true);
    expect(await listed('jco', detail.id)).toBe(true);
    // The bureau counts it as a case of its area: the report row is the bureau's and the department's.
    const { rows } = await app.pool.query(
      'SELECT bureau_unit_id, handling_unit_id, acknowledge_due::text FROM report_cases WHERE petition_id = $1',
      [detail.id],
    );
    expect(rows).toEqual([
      {
        bureau_unit_id: 'qingshan-petition-bureau',
        handling_unit_id: 'qingshan-housing',
        acknowledge_due: dueDate('acknowledge', receivedOn),
      },
    ]);

    // Another department, of its region or of another, does not see it.
    for (const login of ['hr-handler', 'baishui-handler', 'baishui-registrar']) {
      expect((await app.request(login, 'GET', `/api/petitions/${detail.id}`)).status).toBe(404);
      expect(await listed(login, detail.id)).toBe(false);
    }

    const accepted = await app.request('handler', 'POST', `/api/petitions/${detail.id}/accept`, {
      procedure: 'normal',
    });
    expect(accepted.status).toBe(200);
    expect(deadlinesOf(accepted.body, 'acknowledge')).toEqual([
      expect.objectContaining({ status: 'met', late: false }),
    ]);
  });

  it('cannot be objected to (nobody routed it) nor routed by the bureau', async () => {
    const detail = await register('handler');
    const objection = await app.request('handler', 'POST', `/api/petitions/${detail.id}/objection`, {
      reason: '不属于本单位职责。',
    });
    expect([objection.status, objection.body.error.code]).toEqual([409, 'transition_not_allowed']);
    const routed = await app.request('registrar', 'POST', `/api/petitions/${detail.id}/route`, {
      unitId: 'qingshan-hr',
    });
    expect([routed.status, routed.body.error.code]).toEqual([409, 'transition_not_allowed']);
  });

  it('is registered by a government too, for the bureau of its region', async () => {
    const detail = await register('gov-handler');
    expect(detail).toMatchObject({
      status: 'transferred',
      bureauUnitId: 'qingshan-petition-bureau',
      handlingUnitId: 'qingshan-government',
      receivedBy: { unitId: 'qingshan-government', unitName: '青山县人民政府' },
    });
  });

  it('is registered by a town government (小事不出村、大事不出乡) for the county’s bureau, at the county’s level', async () => {
    const detail = await register('town-desk');
    expect(detail).toMatchObject({
      status: 'transferred',
      bureauUnitId: 'qingshan-petition-bureau',
      handlingUnitId: 'baishi-town-government',
      receivedBy: { unitId: 'baishi-town-government' },
    });
    const { rows } = await app.pool.query('SELECT registration_level FROM petitions WHERE id = $1', [
      detail.id,
    ]);
    expect(rows[0].registration_level).toBe('county');
    expect((await app.request('registrar', 'GET', `/api/petitions/${detail.id}`)).status).toBe(200);
  });

  it('is refused to a joint-conference office, which registers nothing (403, nothing written)', async () => {
    for (const login of ['jco-registrar', 'jco']) {
      const response = await app.request(login, 'POST', '/api/petitions', validRegistration());
      expect([response.status, response.body.error.code]).toEqual([403, 'forbidden']);
    }
    const { rows } = await app.pool.query(
      "SELECT count(*)::int AS n FROM petitions WHERE registered_by IN ('jco-registrar', 'jco')",
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('a transfer out of the area (转出)', () => {
  it('moves the case to the receiving bureau under a fresh D1; the sender keeps reading it; it is counted', async () => {
    const receivedOn = addDays(shanghaiToday(), -3);
    const { id } = await register('registrar', receivedOn);
    const today = shanghaiToday();
    const response = await app.request('registrar', 'POST', `/api/petitions/${id}/transfer-out`, {
      bureauId: 'baishui-petition-bureau',
      note: '责任单位为白水县住建局，不属于我县。',
    });
    expect(response.status).toBe(200);
    const detail = response.body;
    expect(detail).toMatchObject({
      status: 'registered',
      bureauUnitId: 'baishui-petition-bureau',
      actingUnitId: 'baishui-petition-bureau',
      transfers: [
        {
          fromUnitId: 'qingshan-petition-bureau',
          toUnitId: 'baishui-petition-bureau',
          toName: '白水县信访局',
          on: today,
          note: '责任单位为白水县住建局，不属于我县。',
        },
      ],
    });
    expect(deadlinesOf(detail, 'route')).toEqual([
      expect.objectContaining({ status: 'met', startDate: receivedOn, late: false }),
      expect.objectContaining({ status: 'running', startDate: today, dueDate: dueDate('route', today) }),
    ]);
    // The sender still reads it (and its desk still hands out the query code), but no longer acts on it.
    expect(detail.queryCode).toEqual(expect.any(String));
    expect(await listed('registrar', id)).toBe(true);
    const again = await app.request('registrar', 'POST', `/api/petitions/${id}/route`, {
      unitId: 'qingshan-housing',
    });
    expect([again.status, again.body.error.code]).toEqual([403, 'forbidden']);
    // The sender's office no longer oversees it: the receiving area's does.
    expect((await app.request('jco', 'GET', `/api/petitions/${id}`)).status).toBe(404);

    // The receiving bureau is told, sees it, and routes it to its own unit.
    const inbox = await app.request('baishui-registrar', 'GET', '/api/notifications?pageSize=100');
    expect(inbox.body.items).toContainEqual(expect.objectContaining({ petitionId: id, kind: 'transfer-in' }));
    const atReceiver = await app.request('baishui-registrar', 'GET', `/api/petitions/${id}`);
    expect([atReceiver.status, atReceiver.body.queryCode]).toEqual([200, null]);
    expect(await listed('baishui-registrar', id)).toBe(true);
    const routed = await app.request('baishui-registrar', 'POST', `/api/petitions/${id}/route`, {
      unitId: 'baishui-housing',
    });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ status: 'transferred', handlingUnitId: 'baishui-housing' });
    expect((await app.request('baishui-handler', 'GET', `/api/petitions/${id}`)).status).toBe(200);
    expect((await app.request('registrar', 'GET', `/api/petitions/${id}`)).status).toBe(200);

    // The sender's briefing: 「其余 1 件责任单位不属于我区」; the city, whose area holds both, counts none.
    const period = `from=${receivedOn}&to=${receivedOn}&asOf=${today}`;
    const summary = await app.request('supervisor', 'GET', `/api/reports/summary?${period}`);
    expect(summary.body.transferredOut).toBe(1);
    const briefing = await app.request('supervisor', 'GET', `/api/reports/briefing?${period}`);
    expect(briefing.body.text).toContain('，其余1件责任单位不属于我区');
    const city = await app.request('wr-city-supervisor', 'GET', `/api/reports/summary?${period}`);
    expect(city.body.transferredOut).toBe(0);
    const { rows } = await app.pool.query(
      'SELECT bureau_unit_id, handling_unit_id, transferred_from_unit_ids FROM report_cases WHERE petition_id = $1',
      [id],
    );
    expect(rows).toEqual([
      {
        bureau_unit_id: 'baishui-petition-bureau',
        handling_unit_id: 'baishui-housing',
        transferred_from_unit_ids: ['qingshan-petition-bureau'],
      },
    ]);
  });

  it('refuses a target that is not another area’s petition bureau (422), changing nothing', async () => {
    const { id } = await register('registrar');
    const before = await app.request('registrar', 'GET', `/api/petitions/${id}`);
    const documents = async () =>
      (await app.pool.query('SELECT count(*)::int AS n FROM petition_documents WHERE petition_id = $1', [id]))
        .rows[0].n;
    const documentsBefore = await documents();
    const targets = {
      'baishui-housing': /not a petition bureau/,
      'qingshan-jco': /not a petition bureau/,
      'qingshan-petition-bureau': /within the area of 青山县信访局: route/,
      'no-such-bureau': /unknown unit/,
    };
    for (const [bureauId, message] of Object.entries(targets)) {
      const response = await app.request('registrar', 'POST', `/api/petitions/${id}/transfer-out`, {
        bureauId,
        note: '不属于我县。',
      });
      expect([response.status, response.body.error.code]).toEqual([422, 'validation_failed']);
      expect(response.body.error.details.fields).toEqual([
        { path: 'bureauId', message: expect.stringMatching(message) },
      ]);
    }
    const after = await app.request('registrar', 'GET', `/api/petitions/${id}`);
    expect(after.body).toEqual(before.body);
    expect(await documents()).toBe(documentsBefore);
    const missing = await app.request('registrar', 'POST', `/api/petitions/${id}/transfer-out`, {});
    expect(missing.status).toBe(422);
  });

  it('is not allowed once the case was routed (409), nor to a unit that is no bureau of the case (403)', async () => {
    const { id } = await register('registrar');
    const byHandler = await app.request('handler', 'POST', `/api/petitions/${id}/transfer-out`, {
      bureauId: 'baishui-petition-bureau',
    });
    expect(byHandler.status).toBe(403);
    await app.request('registrar', 'POST', `/api/petitions/${id}/route`, { unitId: 'qingshan-housing' });
    const late = await app.request('registrar', 'POST', `/api/petitions/${id}/transfer-out`, {
      bureauId: 'baishui-petition-bureau',
    });
    expect([late.status, late.body.error.code]).toEqual([409, 'transition_not_allowed']);
  });
});
