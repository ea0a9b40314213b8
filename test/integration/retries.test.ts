import { defaultClassification } from '../../src/domain/classification';
import { createHash } from 'node:crypto';
import { insertPetition, type NewPetition } from '../../src/db/petitions';
import { startTestApp, type TestApp, validRegistration } from '../support/harness';
import { footprint, PetitionFlow } from '../support/petition-flow';

/**
 * A retried request never does its work twice and never reports a success as a failure: the stored answer
 * of a key is dropped here, as if the API had died before storing it, and the request is sent again.
 */
let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('retry-tests');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

/** Forgets the stored answer of a key but keeps what the request reserved (its petition id). */
async function loseAnswer(key: string) {
  await app.pool.query(
    `UPDATE idempotency_keys SET status_code = NULL, response_body = NULL, owner_token = 'crashed' WHERE key = $1`,
    [key],
  );
}

const counts = (id: string) => footprint(app.pool, id);

const keyed = (key: string) => ({ 'Idempotency-Key': key });
const unique = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

it('answers a retried transition whose answer was lost with the original result, applying it once', async () => {
  const id = await flow.accepted();
  const key = unique('reply');
  const body = { outcome: 'supported', opinion: '已维修。' };
  const first = await app.request('handler', 'POST', `/api/petitions/${id}/reply`, body, keyed(key));
  expect(first.status).toBe(200);
  const after = await counts(id);
  await loseAnswer(key);
  const retry = await app.request('handler', 'POST', `/api/petitions/${id}/reply`, body, keyed(key));
  expect(retry.status).toBe(200);
  expect(retry.body.status).toBe('replied');
  expect(retry.headers.get('idempotent-replayed')).toBeNull();
  expect(await counts(id)).toEqual(after);
  // A new request (new key) is refused as the state demands.
  const another = await app.request(
    'handler',
    'POST',
    `/api/petitions/${id}/reply`,
    body,
    keyed(unique('reply')),
  );
  expect(another.status).toBe(409);
});

it('answers a retried closing transition as applied even though the workflow has ended', async () => {
  const id = await flow.accepted();
  const key = unique('withdraw');
  const first = await app.request(
    'handler',
    'POST',
    `/api/petitions/${id}/withdraw`,
    { reason: '撤回' },
    keyed(key),
  );
  expect(first.status).toBe(200);
  await app.client.workflow.getHandle(`petition-${id}`).result();
  await loseAnswer(key);
  const retry = await app.request(
    'handler',
    'POST',
    `/api/petitions/${id}/withdraw`,
    { reason: '撤回' },
    keyed(key),
  );
  expect(retry.status).toBe(200);
  expect(retry.body).toMatchObject({ status: 'closed', closedReason: 'withdrawn' });
  expect((await counts(id)).documents).toBe(1);
});

it('finishes a retried registration under the petition id it reserved, creating no second petition', async () => {
  const key = unique('register');
  const body = { ...validRegistration(), subject: key };
  const first = await app.request('registrar', 'POST', '/api/petitions', body, keyed(key));
  expect(first.status).toBe(201);
  await loseAnswer(key);
  const retry = await app.request('registrar', 'POST', '/api/petitions', body, keyed(key));
  expect(retry.status).toBe(201);
  expect(retry.body.id).toBe(first.body.id);
  const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM petitions WHERE subject = $1', [key]);
  expect(rows[0].n).toBe(1);
});

it('starts the workflow of a registration whose process died between the row and the start', async () => {
  const key = unique('orphan');
  const body = { ...validRegistration(), subject: key };
  // What the first attempt left: the row and the key's petition id committed together, no workflow.
  const client = await app.pool.connect();
  let id: string;
  try {
    await client.query('BEGIN');
    id = await insertPetition(
      client,
      {
        ...body,
        ruleSetId: 'national-2022',
        domainCategory: body.domain.split('.')[0]!,
        classificationVersion: defaultClassification().reference,
        bureauUnitId: 'qingshan-petition-bureau',
        registeredBy: 'registrar',
        petitionerKey: null,
        firstTime: true,
        repeatOf: null,
        finalCaseId: null,
        groupPersons: null,
      } as NewPetition,
      Number(body.receivedOn.slice(0, 4)),
    );
    await client.query(
      `INSERT INTO idempotency_keys (login, key, method, path, request_hash, owner_token, petition_id)
       VALUES ('registrar', $1, 'POST', '/api/petitions', $2, 'dead', $3)`,
      [key, createHash('sha256').update(JSON.stringify(body)).digest('hex'), id],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  const retry = await app.request('registrar', 'POST', '/api/petitions', body, keyed(key));
  expect(retry.status).toBe(201);
  expect(retry.body.id).toBe(id);
  const { rows } = await app.pool.query(
    'SELECT count(*)::int AS n, min(last_sequence) AS seq FROM petitions WHERE subject = $1',
    [key],
  );
  expect(rows[0].n).toBe(1);
  expect(rows[0].seq).toBeGreaterThan(0);
});

it('writes a retried request’s documents once and removes a refused request’s documents', async () => {
  const id = await flow.accepted();
  const key = unique('ext');
  const body = { days: 10, reason: '鉴定' };
  expect(
    (await app.request('handler', 'POST', `/api/petitions/${id}/extensions`, body, keyed(key))).status,
  ).toBe(200);
  await loseAnswer(key);
  expect(
    (await app.request('handler', 'POST', `/api/petitions/${id}/extensions`, body, keyed(key))).status,
  ).toBe(200);
  expect(await counts(id)).toMatchObject({ documents: 1 });
  const refused = await app.request(
    'handler',
    'POST',
    `/api/petitions/${id}/extensions`,
    body,
    keyed(unique('ext')),
  );
  expect(refused.status).toBe(409); // one request waits for a decision already
  expect(await counts(id)).toMatchObject({ documents: 1 });
});

describe('what a key keeps, and for how long', () => {
  it('keeps a success as its status and petition id only, and replays the case as it is now', async () => {
    const key = unique('keep');
    const body = { ...validRegistration(), petitioner: { name: '孙八', phone: '13700000000' } };
    const first = await app.request('registrar', 'POST', '/api/petitions', body, keyed(key));
    const { rows } = await app.pool.query(
      'SELECT status_code, response_body, petition_id FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(rows[0]).toEqual({ status_code: 201, response_body: null, petition_id: first.body.id });
    const replay = await app.request('registrar', 'POST', '/api/petitions', body, keyed(key));
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({ id: first.body.id, petitioner: { name: '孙八' } });
  });

  it('checks on a replay that the caller may still see the case', async () => {
    const id = await flow.transferred();
    const key = unique('object');
    const objection = { reason: '不属于本单位。' };
    expect(
      (await app.request('handler', 'POST', `/api/petitions/${id}/objection`, objection, keyed(key))).status,
    ).toBe(200);
    await flow.post('registrar', id, 'objection/decision', { decision: 'rerouted', unitId: 'qingshan-hr' });
    const replay = await app.request(
      'handler',
      'POST',
      `/api/petitions/${id}/objection`,
      objection,
      keyed(key),
    );
    expect(replay.status).toBe(404);
  });

  it('forgets a key after its time, so it may name a new request', async () => {
    const key = unique('ttl');
    await app.request('registrar', 'POST', '/api/petitions', validRegistration(), keyed(key));
    await app.pool.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`,
      [key],
    );
    const reused = await app.request(
      'registrar',
      'POST',
      '/api/petitions',
      { ...validRegistration(), subject: '另一件事' },
      keyed(key),
    );
    expect(reused.status).toBe(201);
  });
});
