import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@temporalio/client';
import type { RegisterPetitionBody } from '../../src/domain/contract/petitions';
import { requestContextOf } from '../../src/api/idempotency';
import { reprojectCase } from '../../src/db/case-events';
import { findActiveUser } from '../../src/db/organisation';
import { insertPetition } from '../../src/db/petitions';
import { defaultClassification, subjectMatterOf } from '../../src/domain/classification';
import { PetitionService } from '../../src/domain/petition-service';
import {
  DEFAULT_DOCUMENT_GRACE_HOURS,
  reconcileDocuments,
  reconcileUnstarted,
} from '../../src/domain/reconciler';
import { registerPetition } from '../../src/domain/registration';
import { petitionWorkflowId } from '../../src/workflows/messages';
import { startTestApp, TEST_AUTH_SECRET, type TestApp, testEnv, validRegistration } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';

/**
 * A registration cut off between its row and its workflow (the process died, Temporal was unreachable), and
 * read models that drifted from their workflows: the reconciler and `petitionflow verify [--fix]`.
 */
let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('reconciliation');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

/**
 * Leaves a registration as a crash between the row's commit and the workflow's start leaves it: under a key,
 * through the real registration with its workflow start failing (a namespace Temporal does not know); without
 * one, as the bare row (the process died before it could undo the row).
 */
/** The registration's subject matter as the API resolves it. */
function classified(body: object) {
  const classification = defaultClassification();
  return {
    matter: subjectMatterOf(classification, (body as RegisterPetitionBody).domain),
    classificationVersion: classification.reference,
  };
}

async function cutOffRegistration(key?: string): Promise<{ id: string; body: object }> {
  const body = { ...validRegistration(), subject: `reconcile ${key ?? 'no key'} ${Date.now()}` };
  const user = (await findActiveUser(app.pool, 'registrar'))!;
  let id: string;
  if (key) {
    // The API's claim on the key, as the idempotency middleware takes it before the registration runs.
    await app.pool.query(
      `INSERT INTO idempotency_keys (login, key, method, path, request_hash, owner_token)
       VALUES ('registrar', $1, 'POST', '/api/petitions', $2, 'dead-process')`,
      [key, createHash('sha256').update(JSON.stringify(body)).digest('hex')],
    );
    const deps = {
      pool: app.pool,
      client: new Client({ connection: app.client.connection, namespace: 'no-such-namespace' }),
      taskQueue: app.taskQueue,
      identitySalt: TEST_AUTH_SECRET,
    };
    const registration = {
      ...(body as RegisterPetitionBody),
      ruleSetId: 'national-2022',
      ...classified(body),
    };
    await expect(
      registerPetition(deps, user, registration, requestContextOf('registrar', key)),
    ).rejects.toBeDefined();
    const { rows } = await app.pool.query(`SELECT id FROM petitions WHERE subject = $1`, [
      (body as any).subject,
    ]);
    expect(rows).toHaveLength(1);
    id = rows[0].id;
  } else {
    const client = await app.pool.connect();
    try {
      id = await insertPetition(
        client,
        {
          ...(body as RegisterPetitionBody),
          domainCategory: classified(body).matter.category,
          classificationVersion: classified(body).classificationVersion,
          bureauUnitId: user.unitId,
          registeredBy: user.login,
          ruleSetId: 'national-2022',
          petitionerKey: null,
          firstTime: true,
          repeatOf: null,
          finalCaseId: null,
          groupPersons: null,
        },
        2026,
      );
    } finally {
      client.release();
    }
  }
  // Older than a request can live: the reconciler's to take.
  await app.pool.query(`UPDATE petitions SET created_at = now() - interval '5 minutes' WHERE id = $1`, [id]);
  return { id, body };
}

const reconcilerDeps = () => ({ pool: app.pool, client: app.client, taskQueue: app.taskQueue });

describe('the reconciler', () => {
  it('finishes a registration made under an Idempotency-Key, and the retry then gets that one case', async () => {
    const key = `reconcile-${Date.now()}`;
    const { id, body } = await cutOffRegistration(key);
    const result = await reconcileUnstarted(reconcilerDeps(), 120, [id]);
    expect(result).toEqual({ finished: [id], removed: [], waiting: [], failed: [] });
    const detail = await flow.get('registrar', id);
    expect(detail.status).toBe('registered');
    const retry = await app.request('registrar', 'POST', '/api/petitions', body, { 'Idempotency-Key': key });
    expect([retry.status, retry.body.id]).toEqual([201, id]);
    // Nothing more to do for it.
    expect((await reconcileUnstarted(reconcilerDeps(), 120, [id])).finished).toEqual([]);
  });

  it('removes one nobody can retry (no key), and leaves a young one alone', async () => {
    const { id } = await cutOffRegistration();
    expect(await reconcileUnstarted(reconcilerDeps(), 600, [id])).toEqual({
      finished: [],
      removed: [],
      waiting: [],
      failed: [],
    });
    expect((await reconcileUnstarted(reconcilerDeps(), 120, [id])).removed).toEqual([id]);
    const { rowCount } = await app.pool.query('SELECT 1 FROM petitions WHERE id = $1', [id]);
    expect(rowCount).toBe(0);
  });
});

describe('the document reconciler (F14)', () => {
  const HOUR = 3_600_000;
  const documentsOf = async (id: string) =>
    (
      await app.pool.query<{ id: string; kind: string }>(
        'SELECT id, kind FROM petition_documents WHERE petition_id = $1 ORDER BY created_at, id',
        [id],
      )
    ).rows;

  it('removes the document of a command that ended in a 5xx after the grace period, never a referenced one', async () => {
    const id = await flow.accepted();
    // The reply's request writes its opinion, then cannot reach the case (Temporal answers with an error): a 5xx.
    const cutOff = new PetitionService({
      pool: app.pool,
      client: new Client({ connection: app.client.connection, namespace: 'no-such-namespace' }),
      taskQueue: app.taskQueue,
      identitySalt: TEST_AUTH_SECRET,
      classification: defaultClassification(),
    });
    const handler = (await findActiveUser(app.pool, 'handler'))!;
    const failed = await cutOff
      .transition(
        handler,
        id,
        'reply',
        { body: { outcome: 'supported', opinion: '第一次答复（未送达）。' }, params: {} },
        requestContextOf('handler', undefined),
      )
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(failed).toBeDefined();
    expect((failed as { status?: number }).status ?? 500).toBeGreaterThanOrEqual(500);
    const [orphan] = (await documentsOf(id)).filter((doc) => doc.kind === 'reply-opinion');
    expect(orphan).toBeDefined();
    // The same reply, sent again: applied, its opinion referenced by the case's `replied` event.
    await flow.post('handler', id, 'reply', { outcome: 'supported', opinion: '已责成物业维修。' });
    const referenced = (await documentsOf(id)).filter((doc) => doc.id !== orphan!.id);
    expect(referenced.map((doc) => doc.kind)).toEqual(['reply-opinion']);

    // Within the grace period (now, and an hour before its end) the orphan stays: a retry may still need it.
    const now = Date.now();
    for (const at of [now, now + (DEFAULT_DOCUMENT_GRACE_HOURS - 1) * HOUR]) {
      const early = await reconcileDocuments(app.pool, { now: new Date(at) });
      expect(early.removed.map((doc) => doc.id)).not.toContain(orphan!.id);
    }
    expect((await documentsOf(id)).map((doc) => doc.id)).toContain(orphan!.id);

    // After it, the orphan goes and is counted; the referenced opinion stays, and the case still reads it.
    const late = await reconcileDocuments(app.pool, {
      now: new Date(now + (DEFAULT_DOCUMENT_GRACE_HOURS + 1) * HOUR),
    });
    expect(late.removed).toContainEqual({ id: orphan!.id, petitionId: id, kind: 'reply-opinion' });
    expect(late.referenced).toBeGreaterThanOrEqual(1);
    expect(await documentsOf(id)).toEqual(referenced);
    expect((await flow.get('handler', id)).reply.opinion).toBe('已责成物业维修。');

    // A referenced document is never removed, however late the sweep.
    const later = await reconcileDocuments(app.pool, { now: new Date(now + 1000 * 24 * HOUR) });
    expect(later.removed.map((doc) => doc.petitionId)).not.toContain(id);
    expect(await documentsOf(id)).toEqual(referenced);
  });

  it('refuses a grace period shorter than an Idempotency-Key lives', async () => {
    await expect(reconcileDocuments(app.pool, { graceHours: 1 })).rejects.toThrow(/at least 25 h/);
  });
});

const run = promisify(execFile);
async function verify(...args: string[]): Promise<{ code: number; report: any }> {
  try {
    const { stdout } = await run(
      process.execPath,
      [path.resolve('bin/petitionflow.js'), 'verify', '--json', ...args],
      {
        env: {
          ...process.env,
          DATABASE_URL: testEnv('TEST_DATABASE_URL'),
          TEMPORAL_ADDRESS: testEnv('TEST_TEMPORAL_ADDRESS'),
          TEMPORAL_TASK_QUEUE: app.taskQueue,
          AUTH_SECRET: TEST_AUTH_SECRET,
          LOG_LEVEL: 'fatal',
        },
      },
    );
    return { code: 0, report: JSON.parse(stdout) };
  } catch (err) {
    const failed = err as { code: number; stdout: string };
    return { code: failed.code, report: JSON.parse(failed.stdout) };
  }
}

describe('petitionflow verify', () => {
  it('finds a read model that drifted from its events and folds it again with --fix', async () => {
    const id = await flow.accepted();
    expect(await verify('--case', id)).toMatchObject({
      code: 0,
      report: { checked: 1, findings: { ok: [id] } },
    });
    await app.pool.query(
      `UPDATE petitions SET case_state = jsonb_set(case_state, '{status}', '"closed"'), status = 'closed' WHERE id = $1`,
      [id],
    );
    expect(await verify('--case', id)).toMatchObject({
      code: 1,
      report: { findings: { 'projection-drift': [id] } },
    });
    expect(await verify('--case', id, '--fix')).toMatchObject({ code: 0, report: { repaired: [id] } });
    expect((await flow.get('registrar', id)).status).toBe('accepted');
    expect(await verify('--case', id)).toMatchObject({ code: 0, report: { findings: { ok: [id] } } });
  });

  it('reports events PostgreSQL never got, which --fix cannot make up, with a non-zero exit', async () => {
    const id = await flow.accepted();
    // The last events lost (a restored backup, say): the audit trail and its fold end one step earlier.
    const { rows } = await app.pool.query(
      `SELECT min(sequence) AS first FROM petition_events WHERE petition_id = $1 AND type = 'accepted'`,
      [id],
    );
    await app.pool.query('SELECT supersede_petition_events($1, $2)', [id, rows[0].first]);
    await reprojectCase(app.pool, id); // a consistent read model of what PostgreSQL still has
    const fixed = await verify('--case', id, '--fix');
    expect(fixed).toMatchObject({ code: 1, report: { findings: { 'events-missing': [id] } } });
    const handle = app.client.workflow.getHandle(petitionWorkflowId(id));
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });
});
