import { auditOf } from '../../src/db/organisation-audit';
import { writeOrganisationRows } from '../../src/db/organisation-store';
import { inTransaction } from '../../src/db/transaction';
import { startTestApp, type TestApp } from '../support/harness';

/**
 * The admin API of units and users: changes checked as an import checks a file, audited with before and after,
 * confined to the admin's region. The demo admin works at Qingshan County's bureau; a second admin, at the
 * Baishi town government below it, sees nothing of the county's own units. Ids are this file's own (`adm-`):
 * the run's other tests share the demo organisation.
 */
let app: TestApp;
const ADMIN = 'admin';
const TOWN_ADMIN = 'adm-town-admin';

const unit = {
  id: 'adm-water',
  name: '青山县水利局',
  kind: 'department',
  region: 'qingshan',
  parent: 'qingshan-government',
};
const user = { login: 'adm-clerk', name: 'Clerk', unit: 'adm-water', roles: ['handler'] };

beforeAll(async () => {
  app = await startTestApp('admin-api');
  const client = await app.pool.connect();
  try {
    await inTransaction(client, () =>
      writeOrganisationRows(client, {
        regions: [],
        units: [],
        users: [
          {
            login: TOWN_ADMIN,
            displayName: 'Town admin',
            unitId: 'baishi-town-government',
            roles: ['admin'],
            mobile: null,
            email: null,
            active: true,
          },
        ],
      }),
    );
  } finally {
    client.release();
  }
});
afterAll(async () => {
  await app?.stop();
});

it('creates, updates and deactivates a unit, each change audited with before and after', async () => {
  const created = await app.request(ADMIN, 'POST', '/api/admin/units', unit);
  expect(created.status).toBe(201);
  expect(created.body).toEqual(unit);
  const renamed = await app.request(ADMIN, 'PUT', '/api/admin/units/adm-water', {
    ...unit,
    id: undefined,
    name: '青山县水务局',
  });
  expect(renamed.status).toBe(200);
  expect(renamed.body.name).toBe('青山县水务局');
  // The same update again changes nothing, and so is not audited again.
  const same = await app.request(ADMIN, 'PUT', '/api/admin/units/adm-water', {
    ...unit,
    id: undefined,
    name: '青山县水务局',
  });
  expect(same.status).toBe(200);
  const listed = await app.request(ADMIN, 'GET', '/api/admin/units');
  expect(listed.body.items.map((u: { id: string }) => u.id)).toContain('adm-water');

  const deactivated = await app.request(ADMIN, 'POST', '/api/admin/units/adm-water/deactivate');
  expect(deactivated.status).toBe(200);
  expect(deactivated.body.active).toBe(false);

  const audit = await auditOf(app.pool, 'unit', 'adm-water');
  expect(audit.map((a) => [a.login, a.action])).toEqual([
    [ADMIN, 'create'],
    [ADMIN, 'update'],
    [ADMIN, 'deactivate'],
  ]);
  expect(audit[0]).toMatchObject({ before: null, after: { name: '青山县水利局', active: true } });
  expect(audit[1]).toMatchObject({ before: { name: '青山县水利局' }, after: { name: '青山县水务局' } });
  expect(audit[2]).toMatchObject({ before: { active: true }, after: { active: false } });
  expect(audit.every((a) => /^req-/.test(a.requestId))).toBe(true);

  const listed2 = await app.request(ADMIN, 'GET', '/api/admin/audit?entity=unit&entityId=adm-water');
  expect(listed2.status).toBe(200);
  expect(listed2.body.items.map((a: { action: string }) => a.action)).toEqual([
    'deactivate',
    'update',
    'create',
  ]);
  expect(listed2.body.items[2]).toMatchObject({ login: ADMIN, before: null, after: { id: 'adm-water' } });
  // The town's admin does not see the county's units, nor their audit.
  const town = await app.request(TOWN_ADMIN, 'GET', '/api/admin/audit?entity=unit&entityId=adm-water');
  expect(town.body.items).toEqual([]);
});

it('creates, updates and deactivates a user; the deactivated user gets 401 on the next request', async () => {
  await app.request(ADMIN, 'POST', '/api/admin/units', { ...unit, id: 'adm-roads', name: '青山县交通局' });
  const clerk = { ...user, unit: 'adm-roads' };
  const created = await app.request(ADMIN, 'POST', '/api/admin/users', clerk);
  expect(created.status).toBe(201);
  const updated = await app.request(ADMIN, 'PUT', '/api/admin/users/adm-clerk', {
    name: 'Clerk',
    unit: 'adm-roads',
    roles: ['handler', 'unit-head'],
    mail: 'clerk@example.org',
  });
  expect(updated.status).toBe(200);
  expect(updated.body).toMatchObject({ roles: ['handler', 'unit-head'], mail: 'clerk@example.org' });
  expect((await app.request('adm-clerk', 'GET', '/api/notifications')).status).toBe(200);

  expect((await app.request(ADMIN, 'POST', '/api/admin/users/adm-clerk/deactivate')).status).toBe(200);
  const refused = await app.request('adm-clerk', 'GET', '/api/notifications');
  expect(refused.status).toBe(401);

  const audit = await auditOf(app.pool, 'user', 'adm-clerk');
  expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'deactivate']);
  expect(audit[1]).toMatchObject({
    before: { roles: ['handler'], email: null },
    after: { roles: ['handler', 'unit-head'], email: 'clerk@example.org' },
  });
});

it('answers bad input with 422 naming the field, and changes nothing', async () => {
  const dangling = await app.request(ADMIN, 'POST', '/api/admin/units', {
    ...unit,
    id: 'adm-bad',
    parent: 'no-such-unit',
  });
  expect(dangling.status).toBe(422);
  expect(dangling.body.error.code).toBe('validation_failed');
  expect(dangling.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('parent');
  const unknownRole = await app.request(ADMIN, 'POST', '/api/admin/users', {
    ...user,
    login: 'adm-bad-user',
    unit: 'qingshan-housing',
    roles: ['emperor'],
  });
  expect(unknownRole.status).toBe(422);
  expect(unknownRole.body.error.details.fields[0].path).toBe('roles.0');
  const unknownUnit = await app.request(ADMIN, 'POST', '/api/admin/users', {
    ...user,
    login: 'adm-bad-user',
    unit: 'no-such-unit',
  });
  expect(unknownUnit.status).toBe(422);
  expect(unknownUnit.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('unit');

  expect((await app.request(ADMIN, 'GET', '/api/admin/units/adm-bad')).status).toBe(404);
  expect((await app.request(ADMIN, 'GET', '/api/admin/users/adm-bad-user')).status).toBe(404);
  expect(await auditOf(app.pool, 'unit', 'adm-bad')).toEqual([]);
  expect(await auditOf(app.pool, 'user', 'adm-bad-user')).toEqual([]);
  // A second creation of an id is a conflict, not an update.
  const again = await app.request(ADMIN, 'POST', '/api/admin/units', { ...unit, id: 'qingshan-housing' });
  expect(again.status).toBe(409);
});

it('applies a retried creation (same Idempotency-Key) once', async () => {
  const body = { ...unit, id: 'adm-retried', name: '青山县林业局' };
  const headers = { 'idempotency-key': 'adm-create-retried' };
  const first = await app.request(ADMIN, 'POST', '/api/admin/units', body, headers);
  const retry = await app.request(ADMIN, 'POST', '/api/admin/units', body, headers);
  expect([first.status, retry.status]).toEqual([201, 201]);
  expect(retry.headers.get('idempotent-replayed')).toBe('true');
  expect(retry.body).toEqual(first.body);
  expect(await auditOf(app.pool, 'unit', 'adm-retried')).toHaveLength(1);
});

it('confines an admin to their region: outside is not found, placing outside is refused', async () => {
  // The town's admin does not see the county's own units and users.
  const list = await app.request(TOWN_ADMIN, 'GET', '/api/admin/units');
  expect(list.status).toBe(200);
  expect(list.body.items.map((u: { id: string }) => u.id)).toEqual(['baishi-town-government']);
  expect((await app.request(TOWN_ADMIN, 'GET', '/api/admin/units/qingshan-housing')).status).toBe(404);
  expect((await app.request(TOWN_ADMIN, 'GET', '/api/admin/users/handler')).status).toBe(404);
  const users = await app.request(TOWN_ADMIN, 'GET', '/api/admin/users');
  // Only the town's own users (other tests of the run may add some there), none of the county's.
  const logins = users.body.items.map((u: { login: string }) => u.login);
  expect(logins).toContain(TOWN_ADMIN);
  expect(logins).not.toContain('handler');
  const rename = await app.request(TOWN_ADMIN, 'PUT', '/api/admin/units/qingshan-housing', {
    name: 'x',
    kind: 'department',
    region: 'qingshan',
    parent: 'yunzhou-housing',
  });
  expect(rename.status).toBe(404);
  expect((await app.request(TOWN_ADMIN, 'POST', '/api/admin/users/handler/deactivate')).status).toBe(404);
  const placed = await app.request(TOWN_ADMIN, 'POST', '/api/admin/units', { ...unit, id: 'adm-town-x' });
  expect(placed.status).toBe(403);
  expect(placed.body.error.code).toBe('outside_region');
  // The county's admin may not place a unit in the city above, nor move a user to a unit there.
  const up = await app.request(ADMIN, 'POST', '/api/admin/units', {
    ...unit,
    id: 'adm-up',
    region: 'yunzhou',
  });
  expect(up.status).toBe(403);
  const moved = await app.request(ADMIN, 'POST', '/api/admin/users', {
    ...user,
    login: 'adm-moved',
    unit: 'yunzhou-housing',
  });
  expect(moved.status).toBe(403);
  expect((await app.request('handler', 'GET', '/api/notifications')).status).toBe(200);
  expect(await auditOf(app.pool, 'unit', 'adm-town-x')).toEqual([]);
});

it('refuses a caller without the admin role', async () => {
  for (const [method, path, body] of [
    ['GET', '/api/admin/units', undefined],
    ['GET', '/api/admin/users/handler', undefined],
    ['POST', '/api/admin/units', { ...unit, id: 'adm-by-registrar' }],
    ['POST', '/api/admin/users/handler/deactivate', undefined],
  ] as const) {
    const response = await app.request('registrar', method, path, body);
    expect([path, response.status]).toEqual([path, 403]);
  }
  expect((await app.request(undefined, 'GET', '/api/admin/units')).status).toBe(401);
  expect((await app.request('handler', 'GET', '/api/notifications')).status).toBe(200);
});
