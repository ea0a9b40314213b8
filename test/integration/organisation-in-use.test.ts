import { writeOrganisationRows } from '../../src/db/organisation-store';
import { inTransaction } from '../../src/db/transaction';
import { startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';

/**
 * The organisation's data at work: a province's rule set for its bureaus' petitions, a review body other than
 * the parent (北京 Art 48), an inactive unit's users refused. A second province beside the demo (written with
 * the import's own row writer; an import of a file would deactivate the demo the other tests use).
 */
let app: TestApp;

const unit = (id: string, kind: string, regionId: string, extra: Record<string, string> = {}) => ({
  id,
  name: id,
  kind: kind as 'department',
  level: (regionId === 'ludong' ? 'province' : 'county') as 'county',
  regionId,
  parentId: extra.parentId ?? null,
  reviewUnitId: extra.reviewUnitId ?? null,
  active: true,
});
const user = (login: string, unitId: string, roles: string[]) => ({
  login,
  displayName: login,
  unitId,
  roles: roles as Array<'handler'>,
  mobile: null,
  email: null,
  active: true,
});

beforeAll(async () => {
  app = await startTestApp('organisation-in-use');
  const client = await app.pool.connect();
  await inTransaction(client, () =>
    writeOrganisationRows(client, {
      regions: [
        { id: 'ludong', name: '鲁东省', level: 'province', parentId: null, ruleSetId: 'shandong-2015' },
        { id: 'ludong-k', name: '东山县', level: 'county', parentId: 'ludong', ruleSetId: null },
      ],
      units: [
        unit('ludong-bureau', 'petition-bureau', 'ludong'),
        unit('ludong-housing', 'department', 'ludong'),
        unit('ludong-k-bureau', 'petition-bureau', 'ludong-k', { parentId: 'ludong-bureau' }),
        unit('ludong-k-government', 'government', 'ludong-k'),
        unit('ludong-k-housing', 'department', 'ludong-k', {
          parentId: 'ludong-housing',
          reviewUnitId: 'ludong-k-government',
        }),
        unit('ludong-k-closed', 'department', 'ludong-k'),
      ],
      users: [
        user('ludong-registrar', 'ludong-k-bureau', ['registrar']),
        user('ludong-handler', 'ludong-k-housing', ['handler']),
        user('ludong-gov-handler', 'ludong-k-government', ['handler']),
        user('ludong-province-handler', 'ludong-housing', ['handler']),
        user('ludong-closed-handler', 'ludong-k-closed', ['handler']),
      ],
    }),
  ).finally(() => client.release());
});

afterAll(async () => {
  // The second province leaves the run's shared organisation as it found it: one top bureau (the demo's).
  await app?.pool.query(
    `UPDATE users SET active = false WHERE unit_id IN (SELECT id FROM units WHERE region_id LIKE 'ludong%')`,
  );
  await app?.pool.query(`UPDATE units SET active = false WHERE region_id LIKE 'ludong%'`);
  await app?.stop();
});

const ludong = () =>
  new PetitionFlow(app).at({
    registrar: 'ludong-registrar',
    unitId: 'ludong-k-housing',
    handler: 'ludong-handler',
    reviewer: 'ludong-gov-handler',
  });

async function ruleSetsOf(id: string) {
  const { rows } = await app.pool.query(
    'SELECT rule_set_id AS "ruleSetId", rule_set_overrides AS "overrides" FROM petitions WHERE id = $1',
    [id],
  );
  return rows[0];
}

it('registers a petition under the rule set of the bureau’s province', async () => {
  const id = await ludong().register();
  expect((await ludong().get('ludong-registrar', id)).ruleSetId).toBe('shandong-2015');
  expect(await ruleSetsOf(id)).toEqual({ ruleSetId: 'shandong-2015', overrides: null });

  const demo = await new PetitionFlow(app).register();
  expect(await ruleSetsOf(demo)).toEqual({ ruleSetId: 'national-2022', overrides: null });
});

it('keeps a pinned rule set other than the province’s, with the one it overrides on record', async () => {
  const id = await new PetitionFlow(app).register({ ruleSetId: 'shandong-2015' });
  expect(await ruleSetsOf(id)).toEqual({ ruleSetId: 'shandong-2015', overrides: 'national-2022' });
  const same = await ludong().register({ ruleSetId: 'shandong-2015' });
  expect(await ruleSetsOf(same)).toEqual({ ruleSetId: 'shandong-2015', overrides: null });
});

it('sends the review to the review body the organisation names, not the parent', async () => {
  const id = await ludong().replied();
  // The parent (the province's housing department) is not the review body here.
  const parent = await app.request('ludong-province-handler', 'POST', `/api/petitions/${id}/review-request`, {
    receivedOn: (await ludong().get('ludong-registrar', id)).receivedOn,
    channel: 'letter',
    application: '申请复查。',
  });
  expect(parent.status).toBe(404);
  const requested = await ludong().post('ludong-gov-handler', id, 'review-request', {
    receivedOn: (await ludong().get('ludong-registrar', id)).receivedOn,
    channel: 'letter',
    application: '申请复查。',
  });
  expect(requested.status).toBe('review-requested');
});

it('refuses the users of an inactive unit, and routing to it', async () => {
  expect((await app.request('ludong-closed-handler', 'GET', '/api/petitions')).status).toBe(200);
  await app.pool.query(`UPDATE units SET active = false WHERE id = 'ludong-k-closed'`);
  expect((await app.request('ludong-closed-handler', 'GET', '/api/petitions')).status).toBe(401);
  const id = await ludong().register();
  const routed = await app.request('ludong-registrar', 'POST', `/api/petitions/${id}/route`, {
    unitId: 'ludong-k-closed',
  });
  expect([routed.status, routed.body.error.details.fields[0].message]).toEqual([
    422,
    'ludong-k-closed is no longer active',
  ]);
});
