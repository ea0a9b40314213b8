import { addDays } from '../../src/rules/dates';
import { shanghaiToday, startTestApp, type TestApp } from '../support/harness';
import { type Desk, PetitionFlow } from '../support/petition-flow';

/**
 * What the workbench looks up. The unit lists the forms offer (GET /api/units?purpose=…, named by each unit field's `x-choices`): each holds
 * exactly the units the command takes from the caller. Checked against the command itself: every active
 * department is routed to, and every petition bureau transferred out to, on a fresh case of its own.
 * The people a case-owner order may name (GET /api/petitions/{id}/staff), held to the command the same way.
 * And the names of the people a case names by login (GET /api/staff).
 */
let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('lookups');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

interface UnitChoice {
  id: string;
  kind: string;
}

async function units(login: string, purpose?: string): Promise<UnitChoice[]> {
  const path = purpose ? `/api/units?purpose=${purpose}` : '/api/units';
  const { status, body } = await app.request(login, 'GET', path);
  expect(status).toBe(200);
  return body.items;
}
const ids = (list: UnitChoice[]) => list.map((u) => u.id).sort();

/** The candidates a command accepts (200), each sent on its own; any other answer is a field's refusal. */
async function acceptedAmong(
  candidates: string[],
  send: (candidate: string) => Promise<{ status: number; body: any }>,
): Promise<string[]> {
  const accepted: string[] = [];
  for (const candidate of candidates) {
    const { status, body } = await send(candidate);
    if (status === 200) accepted.push(candidate);
    else expect(body.error.code).toBe('validation_failed');
  }
  return accepted.sort();
}

it('offers for routing exactly the departments a route to is accepted for', async () => {
  const all = await units('registrar');
  const offered = ids(await units('registrar', 'routing'));
  expect(offered).toEqual(expect.arrayContaining(['qingshan-housing', 'qingshan-hr']));
  expect(offered).not.toContain('yunzhou-housing');
  const departments = ids(all.filter((u) => u.kind === 'department'));
  const accepted = await acceptedAmong(departments, async (unitId) =>
    app.request('registrar', 'POST', `/api/petitions/${await flow.register()}/route`, {
      unitId,
      mode: 'transfer',
    }),
  );
  expect(accepted).toEqual(offered);
});

it('offers for transfer out exactly the petition bureaus a transfer out to is accepted for', async () => {
  const all = await units('registrar');
  const offered = ids(await units('registrar', 'transfer-out'));
  expect(offered).toContain('yunzhou-petition-bureau');
  expect(offered).not.toContain('qingshan-petition-bureau');
  const bureaus = ids(all.filter((u) => u.kind === 'petition-bureau'));
  const accepted = await acceptedAmong(bureaus, async (bureauId) =>
    app.request('registrar', 'POST', `/api/petitions/${await flow.register()}/transfer-out`, {
      bureauId,
      note: '责任单位不属于本县。',
    }),
  );
  expect(accepted).toEqual(offered);
});

it('offers the units within the caller’s region, and departments and governments for a check', async () => {
  const within = await units('supervisor', 'jurisdiction');
  expect(ids(within)).toEqual(
    expect.arrayContaining(['qingshan-housing', 'qingshan-jco', 'qingshan-petition-bureau']),
  );
  expect(ids(within)).not.toContain('yunzhou-petition-bureau');
  const checking = await units('registrar', 'verification');
  expect(new Set(checking.map((u) => u.kind))).toEqual(new Set(['department', 'government']));
  const { status, body } = await app.request('registrar', 'GET', '/api/units?purpose=everything');
  expect(status).toBe(422);
  expect(body.error.code).toBe('validation_failed');
});

it('names each unit field’s list in the OpenAPI document', async () => {
  const response = await fetch(`${app.baseUrl}/openapi.json`);
  const schemas = ((await response.json()) as { components: { schemas: Record<string, any> } }).components
    .schemas;
  expect(schemas.RoutePetition.properties.unitId['x-choices']).toBe('/api/units?purpose=routing');
  expect(schemas.TransferPetitionOut.properties.bureauId['x-choices']).toBe(
    '/api/units?purpose=transfer-out',
  );
  expect(schemas.RegisterPetition.properties.domain['x-choices']).toBe('/api/classification');
});

it('names staff by login, former staff too, and leaves out logins it does not know', async () => {
  await app.pool.query(
    `INSERT INTO users (login, display_name, unit_id, roles, active)
     VALUES ('retired-clerk', '退休职员', 'qingshan-petition-bureau', '{registrar}', false)
     ON CONFLICT (login) DO NOTHING`,
  );
  const { status, body } = await app.request(
    'handler',
    'GET',
    '/api/staff?logins=registrar,retired-clerk,system,registrar',
  );
  expect(status).toBe(200);
  expect(body.items).toEqual([
    { login: 'registrar', displayName: '王敏', unitName: '青山县信访局' },
    { login: 'retired-clerk', displayName: '退休职员', unitName: '青山县信访局' },
  ]);
  const tooMany = Array.from({ length: 101 }, (_, i) => `user${i}`).join(',');
  for (const logins of ['', 'a,,b', 'bad login', tooMany]) {
    const refused = await app.request('handler', 'GET', `/api/staff?logins=${encodeURIComponent(logins)}`);
    expect([refused.status, refused.body.error.code]).toEqual([422, 'validation_failed']);
  }
});

/**
 * At a bureau of the run's own (Yunzhou's, with a registrar of this test), so that the demo's county users,
 * whose queues other tests count, are never named 包案 leader here.
 */
const CITY_DESK: Desk = {
  registrar: 'lookups-registrar',
  unitId: 'yunzhou-housing',
  handler: 'city-handler',
};

it('offers as case-owning leader and handler exactly the people the order is accepted for', async () => {
  await app.pool.query(
    `INSERT INTO users (login, display_name, unit_id, roles)
     VALUES ('lookups-registrar', '查询测试登记员', 'yunzhou-petition-bureau', '{registrar}')
     ON CONFLICT (login) DO NOTHING`,
  );
  const city = flow.at(CITY_DESK);
  const { rows } = await app.pool.query<{ login: string }>('SELECT login FROM users WHERE active');
  const offered = async (id: string, purpose: string) => {
    const path = `/api/petitions/${id}/staff?purpose=${purpose}`;
    const { status, body } = await app.request('city-head', 'GET', path);
    expect(status).toBe(200);
    return body.items.map((person: { login: string }) => person.login).sort();
  };
  // The handling unit's head gives the order.
  const order = (id: string, leader: string, handler: string) =>
    app.request('city-head', 'POST', `/api/petitions/${id}/case-owner`, {
      leader,
      handler,
      task: '包案化解',
      targetDate: addDays(shanghaiToday(), 30),
    });
  const template = await city.transferred();
  const leaders = await offered(template, 'case-owner-leader');
  const handlers = await offered(template, 'case-owner-handler');
  expect(leaders).toEqual(expect.arrayContaining(['city-head', 'lookups-registrar']));
  expect(leaders).not.toContain('registrar');
  expect(handlers).toEqual(['city-handler', 'city-head']);
  const logins = rows.map((row) => row.login);
  const asLeader = await acceptedAmong(logins, async (login) =>
    order(await city.transferred(), login, 'city-handler'),
  );
  const asHandler = await acceptedAmong(logins, async (login) =>
    order(await city.transferred(), 'city-head', login),
  );
  expect(asLeader).toEqual(leaders);
  expect(asHandler).toEqual(handlers);
  // Someone who may not open the case learns nothing of it.
  const outside = await app.request(
    'registrar',
    'GET',
    `/api/petitions/${template}/staff?purpose=case-owner-leader`,
  );
  expect(outside.status).toBe(404);
});
