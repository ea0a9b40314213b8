import { startTestApp, type TestApp, validRegistration } from '../support/harness';

/** Oversight (admins, the joint-conference office) reaches its own region and those below, no further. */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp('oversight');
  await app.pool.query(
    `INSERT INTO users (login, display_name, unit_id, roles) VALUES
       ('yunzhou-registrar', 'Registrar, Yunzhou petition bureau', 'yunzhou-petition-bureau', '{registrar}'),
       ('yunzhou-admin', 'Administrator, Yunzhou', 'yunzhou-petition-bureau', '{admin}')
     ON CONFLICT (login) DO NOTHING`,
  );
});

afterAll(async () => {
  await app?.stop();
});

it('lets the county see its own cases only, and the city its own and the county’s', async () => {
  const county = await app.request('registrar', 'POST', '/api/petitions', validRegistration());
  const city = await app.request('yunzhou-registrar', 'POST', '/api/petitions', validRegistration());
  expect([county.status, city.status]).toEqual([201, 201]);

  for (const login of ['admin', 'jco']) {
    expect((await app.request(login, 'GET', `/api/petitions/${county.body.id}`)).status).toBe(200);
    expect((await app.request(login, 'GET', `/api/petitions/${city.body.id}`)).status).toBe(404);
    const listed = (await app.request(login, 'GET', '/api/petitions?pageSize=100')).body.items.map(
      (p: { id: string }) => p.id,
    );
    expect(listed).toContain(county.body.id);
    expect(listed).not.toContain(city.body.id);
  }
  expect((await app.request('yunzhou-admin', 'GET', `/api/petitions/${county.body.id}`)).status).toBe(200);
  expect((await app.request('yunzhou-admin', 'GET', `/api/petitions/${city.body.id}`)).status).toBe(200);
  // Routing stays within the city bureau's jurisdiction, which includes the county below it.
  const routed = await app.request('yunzhou-registrar', 'POST', `/api/petitions/${city.body.id}/route`, {
    unitId: 'qingshan-housing',
  });
  expect(routed.status).toBe(200);
});
