import { startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';

/**
 * What the workbench looks up. The unit lists the forms offer (GET /api/units?purpose=…, named by each unit field's `x-choices`): each holds
 * exactly the units the command takes from the caller. Checked against the command itself: every active
 * department is routed to, and every petition bureau transferred out to, on a fresh case of its own.
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

it('offers for routing exactly the departments a route to is accepted for', async () => {
  const all = await units('registrar');
  const offered = ids(await units('registrar', 'routing'));
  expect(offered).toEqual(expect.arrayContaining(['qingshan-housing', 'qingshan-hr']));
  expect(offered).not.toContain('yunzhou-housing');
  const accepted: string[] = [];
  for (const unit of all.filter((u) => u.kind === 'department')) {
    const id = await flow.register();
    const { status, body } = await app.request('registrar', 'POST', `/api/petitions/${id}/route`, {
      unitId: unit.id,
      mode: 'transfer',
    });
    if (status === 200) accepted.push(unit.id);
    else expect(body.error.code).toBe('validation_failed');
  }
  expect(accepted.sort()).toEqual(offered);
});

it('offers for transfer out exactly the petition bureaus a transfer out to is accepted for', async () => {
  const all = await units('registrar');
  const offered = ids(await units('registrar', 'transfer-out'));
  expect(offered).toContain('yunzhou-petition-bureau');
  expect(offered).not.toContain('qingshan-petition-bureau');
  const accepted: string[] = [];
  for (const unit of all.filter((u) => u.kind === 'petition-bureau')) {
    const id = await flow.register();
    const { status, body } = await app.request('registrar', 'POST', `/api/petitions/${id}/transfer-out`, {
      bureauId: unit.id,
      note: '责任单位不属于本县。',
    });
    if (status === 200) accepted.push(unit.id);
    else expect(body.error.code).toBe('validation_failed');
  }
  expect(accepted.sort()).toEqual(offered);
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
