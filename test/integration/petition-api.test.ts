import { createHash } from 'node:crypto';
import { dueDate, earliestCoveredDate, getRuleSet } from '../../src/rules';
import { addDays } from '../../src/rules/dates';
import { COMMAND_TYPES, commandsOn } from '../../src/case';
import { commandUpdates, petitionWorkflowId, stateQuery } from '../../src/workflows/messages';
import * as attrs from '../../src/workflows/search-attributes';
import { saveHistoryIfRequested } from '../support/histories';
import { shanghaiToday, startTestApp, type TestApp, validRegistration } from '../support/harness';
import { deadlineOf, footprint } from '../support/petition-flow';

let app: TestApp;
const national = getRuleSet('national-2022');

beforeAll(async () => {
  app = await startTestApp('api-tests');
});

afterAll(async () => {
  await app?.stop();
});

async function register(body: unknown = validRegistration(), headers: Record<string, string> = {}) {
  return app.request('registrar', 'POST', '/api/petitions', body, headers);
}

describe('a petition walks from registration to written reply', () => {
  it('registers, routes, acknowledges and replies, with deadlines from the rule set and a timeline', async () => {
    // Received on a Friday: 15 days later is Saturday 2026-12-05, so D1 rolls to Monday 2026-12-07.
    const registered = await register(validRegistration('2026-11-20'));
    expect(registered.status).toBe(201);
    expect(registered.body.id).toMatch(/^XF-\d{4}-\d{6}$/);
    expect(registered.headers.get('location')).toBe(`/api/petitions/${registered.body.id}`);
    const id: string = registered.body.id;
    // The registration answers with D1 already computed and the first events recorded.
    expect(registered.body.deadlines).toEqual([
      expect.objectContaining({ key: 'route', startDate: '2026-11-20', dueDate: '2026-12-07' }),
    ]);
    expect(registered.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'registered',
      'deadline-started',
    ]);
    expect(registered.body.flags).toEqual({ firstTime: true, repeat: false, group: null });

    const routed = await app.request('registrar', 'POST', `/api/petitions/${id}/route`, {
      unitId: 'qingshan-housing',
    });
    expect(routed.status).toBe(200);
    expect(routed.body.status).toBe('transferred');
    expect(routed.body.handlingUnitId).toBe('qingshan-housing');
    const route = routed.body.deadlines.find((d: { key: string }) => d.key === 'route');
    expect(route).toMatchObject({ status: 'met', startDate: '2026-11-20', dueDate: '2026-12-07' });
    expect(route.explanation.length).toBeGreaterThan(0);

    const today = shanghaiToday();
    expect(deadlineOf(routed.body, 'acknowledge')).toMatchObject({
      status: 'running',
      startDate: shanghaiToday(),
    });
    expect(deadlineOf(routed.body, 'object')).toMatchObject({ status: 'running', kind: 'statutory' });

    const acknowledged = await app.request('handler', 'POST', `/api/petitions/${id}/acknowledge`, {});
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.status).toBe('accepted');
    expect(acknowledged.body).toMatchObject({ procedure: 'normal', acceptedOn: shanghaiToday() });
    expect(deadlineOf(acknowledged.body, 'acknowledge').status).toBe('met');
    expect(deadlineOf(acknowledged.body, 'object').status).toBe('met');
    const handle = acknowledged.body.deadlines.find((d: { key: string }) => d.key === 'handle');
    expect(handle).toMatchObject({
      status: 'running',
      startDate: today,
      dueDate: dueDate(national, 'handle', today).dueDate,
    });
    expect(acknowledged.body.nextDeadline).toEqual({ key: 'handle', dueAt: handle.dueAt });

    const replied = await app.request('handler', 'POST', `/api/petitions/${id}/reply`, {
      outcome: 'explained',
      opinion: '经核查，电梯已列入维修计划。',
    });
    expect(replied.status).toBe(200);
    expect(replied.body.status).toBe('replied');
    expect(replied.body.outcome).toBe('explained');
    expect(replied.body.reply).toMatchObject({
      outcome: 'explained',
      opinion: '经核查，电梯已列入维修计划。',
    });
    const review = replied.body.deadlines.find((d: { key: string }) => d.key === 'request-review');
    expect(review).toMatchObject({
      status: 'running',
      dueDate: dueDate(national, 'request-review', today).dueDate,
    });

    const types = replied.body.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'registered',
        'deadline-started',
        'routed',
        'deadline-met',
        'accepted',
        'replied',
      ]),
    );
    const sequences = replied.body.timeline.map((e: { sequence: number }) => e.sequence);
    expect(sequences).toEqual(sequences.map((_: number, i: number) => i + 1));

    // The read model (projection) follows the workflow.
    const { rows } = await app.pool.query(
      'SELECT status, handling_unit_id, outcome FROM petitions WHERE id = $1',
      [id],
    );
    expect(rows[0]).toEqual({
      status: 'replied',
      handling_unit_id: 'qingshan-housing',
      outcome: 'explained',
    });

    // Ops see the case in Temporal by its search attributes and summary, with no personal data.
    const description = await app.client.workflow.getHandle(petitionWorkflowId(id)).describe();
    expect(description.typedSearchAttributes.get(attrs.PetitionStatus)).toBe('replied');
    expect(description.typedSearchAttributes.get(attrs.HandlingUnit)).toBe('qingshan-housing');
    expect(description.typedSearchAttributes.get(attrs.RuleSet)).toBe('national-2022');
    expect(description.typedSearchAttributes.get(attrs.Overdue)).toBe(false);
    // After the reply the unit's return visit (15 d) comes before the end of the review window (30 d).
    const visit = deadlineOf(replied.body, 'return-visit');
    expect(new Date(visit.dueAt).getTime()).toBeLessThan(new Date(review.dueAt).getTime());
    expect(description.typedSearchAttributes.get(attrs.NextDeadline)).toEqual(new Date(visit.dueAt));
    expect(description.typedSearchAttributes.get(attrs.SupervisionLevel)).toBe('none');
    expect(await description.staticSummary()).toBe(
      `信访 ${id} · letter · complaint · urban-construction.property-management`,
    );
    await saveHistoryIfRequested(
      app.client.workflow.getHandle(petitionWorkflowId(id)),
      'case-transfer-accept-reply',
    );
    const history = JSON.stringify(
      await app.client.workflow.getHandle(petitionWorkflowId(id)).fetchHistory(),
    );
    expect(history).not.toContain('李四');
    expect(history).not.toContain('13900000000');
  });

  it('dates a command by its request’s time, so a redone workflow task computes the same events', async () => {
    const { id } = (await register()).body as { id: string };
    const handle = app.client.workflow.getHandle(petitionWorkflowId(id));
    // Sent as the API sends it, from an API whose clock is 90 s ahead of the workflow's: the event carries
    // the request's time, whichever task applies it (a speculative task the server loses is redone later).
    const requestedAt = new Date(Date.now() + 90_000).toISOString();
    await handle.executeUpdate(commandUpdates.route, {
      args: [
        {
          type: 'route',
          unitId: 'qingshan-housing',
          unitName: '青山县住房和城乡建设局',
          mode: 'transfer',
          actor: { login: 'registrar', unitId: 'qingshan-petition-bureau', roles: ['registrar'] },
          requestId: `request-time-${id}`,
          requestedAt,
        },
      ],
      updateId: `request-time-${id}`,
    });
    const acknowledged = await app.request('handler', 'POST', `/api/petitions/${id}/acknowledge`, {});
    expect(acknowledged.status).toBe(200);
    const { rows } = await app.pool.query<{ type: string; occurred_at: Date }>(
      'SELECT type, occurred_at FROM petition_events WHERE petition_id = $1 ORDER BY sequence',
      [id],
    );
    const at = (type: string) => rows.find((r) => r.type === type)!.occurred_at.toISOString();
    expect(at('routed')).toBe(requestedAt);
    // Later commands are never dated before it, even with the workflow clock behind it.
    expect(at('accepted')).toBe(requestedAt);
    await saveHistoryIfRequested(handle, 'case-command-request-time');
  });

  it('computes a decision’s deadlines and writes its events in one local activity', async () => {
    const { id } = (await register()).body as { id: string };
    expect(
      (await app.request('registrar', 'POST', `/api/petitions/${id}/route`, { unitId: 'qingshan-housing' }))
        .status,
    ).toBe(200);
    const accepted = await app.request('handler', 'POST', `/api/petitions/${id}/acknowledge`, {});
    expect(accepted.status).toBe(200);
    const handle = app.client.workflow.getHandle(petitionWorkflowId(id));
    const history = await handle.fetchHistory();
    const activityTypes = (history.events ?? []).flatMap((event) => {
      const details = event.markerRecordedEventAttributes?.details?.data?.payloads?.[0]?.data;
      if (!details) return [];
      const { activity_type: type } = JSON.parse(Buffer.from(details).toString()) as {
        activity_type: string;
      };
      return [type];
    });
    // Registration, routing and acceptance each start deadlines: one activity each, no separate write.
    expect(activityTypes).toEqual([
      'loadCasePolicy',
      'settleAndRecord',
      'settleAndRecord',
      'settleAndRecord',
    ]);
    // The events written are those the workflow folded.
    const { rows } = await app.pool.query<{ type: string; data: { dueAt?: string } }>(
      'SELECT type, data FROM petition_events WHERE petition_id = $1 ORDER BY sequence',
      [id],
    );
    const state = await handle.query(stateQuery);
    expect(rows).toHaveLength(state.lastSequence);
    expect(rows.map((r) => r.type)).toEqual(accepted.body.timeline.map((e: { type: string }) => e.type));
    expect(deadlineOf(accepted.body, 'handle').dueAt).toBe(
      state.deadlines.find((d) => d.key === 'handle')!.dueAt,
    );
    await saveHistoryIfRequested(handle, 'case-settle-and-record');
  });

  it('lists petitions with filters and pagination', async () => {
    const a = await register();
    const b = await register();
    await app.request('registrar', 'POST', `/api/petitions/${b.body.id}/route`, { unitId: 'qingshan-hr' });
    const transferred = await app.request(
      'registrar',
      'GET',
      '/api/petitions?status=transferred&unit=qingshan-hr',
    );
    expect(transferred.status).toBe(200);
    expect(transferred.body.items.map((p: { id: string }) => p.id)).toContain(b.body.id);
    expect(transferred.body.items.map((p: { id: string }) => p.id)).not.toContain(a.body.id);
    const page = await app.request('registrar', 'GET', '/api/petitions?pageSize=1&page=2');
    expect(page.body).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBeGreaterThanOrEqual(2);
  });
});

describe('idempotency', () => {
  it('returns the first response for a retried registration and creates nothing twice', async () => {
    const key = `register-${Date.now()}`;
    const first = await register(validRegistration(), { 'Idempotency-Key': key });
    const retry = await register(validRegistration(), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const { rows } = await app.pool.query(
      "SELECT count(*)::int AS n FROM petitions WHERE registered_by = 'registrar' AND id = $1",
      [first.body.id],
    );
    expect(rows[0].n).toBe(1);

    const reused = await register(
      { ...validRegistration(), subject: 'another matter' },
      { 'Idempotency-Key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });
});

describe('authorisation', () => {
  it('keeps a unit from seeing or acting on another unit’s case', async () => {
    const { body } = await register();
    await app.request('registrar', 'POST', `/api/petitions/${body.id}/route`, { unitId: 'qingshan-housing' });

    const otherUnit = await app.request('hr-handler', 'GET', `/api/petitions/${body.id}`);
    expect(otherUnit.status).toBe(404);
    expect(otherUnit.body.error.code).toBe('not_found');
    const list = await app.request('hr-handler', 'GET', '/api/petitions');
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(body.id);
    const act = await app.request('hr-handler', 'POST', `/api/petitions/${body.id}/acknowledge`, {});
    expect(act.status).toBe(404);

    const ownUnit = await app.request('handler', 'GET', `/api/petitions/${body.id}`);
    expect(ownUnit.status).toBe(200);
  });

  it('answers 401 without a valid token and 403 for a role that may not act', async () => {
    const none = await app.request(undefined, 'GET', '/api/petitions');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthenticated');
    const forged = await app.request(undefined, 'GET', '/api/petitions', undefined, {
      authorization: 'Bearer not.a.token',
    });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('invalid_token');
    // A department's handler registers what it received directly (Art 23); an administrator registers nothing.
    const adminRegisters = await app.request('admin', 'POST', '/api/petitions', validRegistration());
    expect(adminRegisters.status).toBe(403);
    expect(adminRegisters.body.error.code).toBe('forbidden');
  });
});

describe('bad input', () => {
  it('answers 422 with field errors for an invalid body and loses nothing', async () => {
    const before = await app.pool.query('SELECT count(*)::int AS n FROM petitions');
    const response = await register({ ...validRegistration(), channel: 'pigeon', receivedOn: '2026-02-30' });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('validation_failed');
    const paths = response.body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['channel', 'receivedOn']));
    const after = await app.pool.query('SELECT count(*)::int AS n FROM petitions');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('answers 400 for malformed JSON, 404 for an unknown petition, 409 for a transition the state does not allow', async () => {
    const malformed = await app.request('registrar', 'POST', '/api/petitions', '{"channel":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');

    const missing = await app.request('registrar', 'GET', '/api/petitions/XF-1999-000001');
    expect(missing.status).toBe(404);

    const { body } = await register();
    const tooEarly = await app.request('registrar', 'POST', `/api/petitions/${body.id}/reply`, {
      outcome: 'supported',
      opinion: 'x',
    });
    expect(tooEarly.status).toBe(403); // a bureau registrar is not a handler
    await app.request('registrar', 'POST', `/api/petitions/${body.id}/route`, { unitId: 'qingshan-housing' });
    const twice = await app.request('registrar', 'POST', `/api/petitions/${body.id}/route`, {
      unitId: 'qingshan-hr',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('transition_not_allowed');
    const replyBeforeAcceptance = await app.request('handler', 'POST', `/api/petitions/${body.id}/reply`, {
      outcome: 'supported',
      opinion: 'x',
    });
    expect(replyBeforeAcceptance.status).toBe(409);
    const { rows } = await app.pool.query(
      'SELECT count(*)::int AS n FROM petition_documents WHERE petition_id = $1',
      [body.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('refuses routing to a unit that does not exist or is not a handling unit', async () => {
    const { body } = await register();
    const unknown = await app.request('registrar', 'POST', `/api/petitions/${body.id}/route`, {
      unitId: 'nowhere',
    });
    expect(unknown.status).toBe(422);
    const bureau = await app.request('registrar', 'POST', `/api/petitions/${body.id}/route`, {
      unitId: 'qingshan-jco',
    });
    expect(bureau.status).toBe(422);
  });
});

describe('operations endpoints', () => {
  it('serves health, readiness and an OpenAPI document with an example for every request body', async () => {
    expect((await app.request(undefined, 'GET', '/healthz')).status).toBe(200);
    const ready = await app.request(undefined, 'GET', '/readyz');
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: 'ok', temporal: 'ok' } });

    const doc = (await app.request(undefined, 'GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const bodies = Object.values(doc.paths as Record<string, Record<string, any>>)
      .flatMap((ops) => Object.values(ops))
      .map((op) => op.requestBody?.content?.['application/json']?.schema)
      .filter(Boolean);
    // Registration, every staff command (`accept` on two paths, one schema), the petitioner's lookup and evaluation;
    // the admin API's unit and user, each to create and to update; a work-log entry (the upload is multipart); the
    // petitioner lookup, a confirmed match and a link between cases; a visit, a reception session, an instruction;
    // a screening round, a dispute and its outcome; the backlog register's campaign, entry, progress note, new target
    // date and outcome.
    expect(new Set(bodies.map((schema) => schema.$ref)).size).toBe(
      1 + COMMAND_TYPES.length - commandsOn('public').length + 2 + 4 + 1 + 3 + 3 + 3 + 5,
    );
    for (const schema of bodies) {
      const name = schema.$ref.split('/').pop();
      expect(doc.components.schemas[name].example).toBeDefined();
    }
  });
});

describe('the OpenAPI examples', () => {
  it('work when sent as they are, through every procedure', async () => {
    const doc = (await app.request(undefined, 'GET', '/openapi.json')).body;
    const example = (name: string) => doc.components.schemas[name].example;
    const send = async (login: string, id: string, path: string, schema: string) => {
      // An application for review or re-examination arrives within days of the reply (Art 35–36): its date
      // is the one part of an example that must be today's.
      const dated = schema === 'RequestReview' || schema === 'RequestReexamination';
      const body = dated ? { ...example(schema), receivedOn: shanghaiToday() } : example(schema);
      const response = await app.request(login, 'POST', `/api/petitions/${id}/${path}`, body);
      expect({ path, status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual(
        {
          path,
          status: 200,
          body: 'ok',
        },
      );
      return response.body;
    };
    const registerExample = async () => {
      const registered = await register(example('RegisterPetition'));
      expect(registered.status).toBe(201);
      return registered.body.id as string;
    };

    const main = await registerExample();
    await send('registrar', main, 'route', 'RoutePetition');
    await send('handler', main, 'objection', 'ObjectToRouting');
    await send('registrar', main, 'objection/decision', 'DecideObjection');
    await send('supervisor', main, 'priority', 'SetPriority');
    await send('supervisor', main, 'supervision', 'Supervise');
    await send('handler', main, 'accept', 'AcknowledgePetition');
    await send('unit-head', main, 'case-owner', 'SetCaseOwner');
    await send('unit-head', main, 'case-owner/work', 'RecordCaseOwnerWork');
    await send('handler', main, 'extensions', 'RequestExtension');
    await send('unit-head', main, 'extensions/ext-1/approve', 'ApproveExtension');
    await send('handler', main, 'extensions', 'RequestExtension');
    await send('unit-head', main, 'extensions/ext-2/refuse', 'RefuseExtension');
    const replied = await send('handler', main, 'reply', 'ReplyPetition');
    expect(replied.status).toBe('replied');
    await send('handler', main, 'resolution', 'RecordResolution');
    expect(
      (await send('registrar', main, 'carried-out', 'RecordCarriedOut')).resolution.carriedOut,
    ).not.toBeNull();
    // A dissatisfied return visit opens the follow-up the CloseFollowUp example closes.
    const visit = { reached: true, satisfaction: 'dissatisfied', note: '信访人对答复不满意。' };
    expect((await app.request('handler', 'POST', `/api/petitions/${main}/return-visit`, visit)).status).toBe(
      200,
    );
    await send('handler', main, 'follow-ups/follow-up-1/close', 'CloseFollowUp');
    await send('city-handler', main, 'review-request', 'RequestReview');
    expect((await send('city-head', main, 'review-opinion', 'ReviewOpinion')).status).toBe('reviewed');
    await send('province-handler', main, 'reexamination-request', 'RequestReexamination');
    await send('province-handler', main, 'hearings', 'OpenHearing');
    await send('province-head', main, 'hearings/hearing-1/close', 'CloseHearing');
    const final = await send('province-head', main, 'reexamination-opinion', 'ReexaminationOpinion');
    expect(final).toMatchObject({ status: 'closed', closedReason: 'final' });

    const simplified = await registerExample();
    await send('registrar', simplified, 'route', 'RoutePetition');
    await app.request('handler', 'POST', `/api/petitions/${simplified}/acknowledge`, {
      procedure: 'simplified',
    });
    await send('handler', simplified, 'procedure', 'SetProcedure');
    expect((await send('handler', simplified, 'withdraw', 'WithdrawPetition')).closedReason).toBe(
      'withdrawn',
    );

    expect((await send('registrar', await registerExample(), 'divert', 'DivertPetition')).closedReason).toBe(
      'diverted',
    );
    expect(
      (await send('registrar', await registerExample(), 'not-accept', 'NotAcceptPetition')).closedReason,
    ).toBe('not-accepted');

    const logged = await app.request('handler', 'POST', `/api/petitions/${main}/log`, example('AddLogEntry'));
    expect(logged.status).toBe(201);
    // The visit register (issue 23): a reception day, a visit that registers its case, a leader's 阅批.
    const recorded = await Promise.all([
      app.request('registrar', 'POST', '/api/reception-sessions', example('RecordReceptionSession')),
      app.request('registrar', 'POST', '/api/visits', example('RecordVisit')),
      app.request('registrar', 'POST', `/api/petitions/${main}/instructions`, example('RecordInstruction')),
    ]);
    expect(recorded.map((answer) => answer.status)).toEqual([201, 201, 201]);
    // 并案: the example names a case number; here it is the case the duplicate repeats.
    const [surviving, duplicate] = [await registerExample(), await registerExample()];
    const merge = { ...example('MergeCase'), into: surviving };
    const merged = await app.request('registrar', 'POST', `/api/petitions/${duplicate}/merge`, merge);
    expect([merged.status, merged.body.closedReason]).toEqual([200, 'merged']);
    expect((await send('registrar', duplicate, 'unmerge', 'UnmergeCase')).status).toBe('registered');
  });
});

describe('the accept command’s routes', () => {
  const routed = async () => {
    const { id } = (await register()).body as { id: string };
    await app.request('registrar', 'POST', `/api/petitions/${id}/route`, { unitId: 'qingshan-housing' });
    return id;
  };
  const accept = (id: string, path: string, body: unknown) =>
    app.request('handler', 'POST', `/api/petitions/${id}/${path}`, body);

  it('accepts on /accept, named as the command, and on /acknowledge, its former path, alike', async () => {
    const [viaAccept, viaAlias] = await Promise.all([routed(), routed()]);
    const accepted = await accept(viaAccept, 'accept', { procedure: 'simplified' });
    const aliased = await accept(viaAlias, 'acknowledge', { procedure: 'simplified' });
    for (const response of [accepted, aliased]) {
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'accepted',
        procedure: 'simplified',
        acceptedOn: shanghaiToday(),
      });
      expect(response.body.timeline.map((e: { type: string }) => e.type)).toContain('accepted');
    }
    // One command behind both paths: accepted once, it is refused on either.
    for (const [id, path] of [
      [viaAccept, 'acknowledge'],
      [viaAlias, 'accept'],
    ] as const) {
      const again = await accept(id, path, {});
      expect([again.status, again.body.error.code]).toEqual([409, 'transition_not_allowed']);
    }
  });

  it('validates the body the same way on both paths, changing nothing', async () => {
    const id = await routed();
    const before = await footprint(app.pool, id);
    for (const path of ['accept', 'acknowledge']) {
      const refused = await accept(id, path, { procedure: 'fast' });
      expect([refused.status, refused.body.error.code]).toEqual([422, 'validation_failed']);
      expect(refused.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['procedure']);
      const unknown = await accept(id, path, { procedure: 'normal', surprise: true });
      expect([unknown.status, unknown.body.error.code]).toEqual([422, 'validation_failed']);
    }
    expect(await footprint(app.pool, id)).toEqual(before);
    expect((await app.request('handler', 'GET', `/api/petitions/${id}`)).body.status).toBe('transferred');
  });

  it('answers another method on /accept with 405, as on every documented path', async () => {
    const id = await routed();
    const wrong = await app.request('handler', 'GET', `/api/petitions/${id}/accept`);
    expect([wrong.status, wrong.body.error.code, wrong.headers.get('allow')]).toEqual([
      405,
      'method_not_allowed',
      'POST',
    ]);
  });
});

describe('a reply’s delivery date', () => {
  it('must lie between acceptance and today; a refused reply changes nothing', async () => {
    const { body } = await register();
    await app.request('registrar', 'POST', `/api/petitions/${body.id}/route`, { unitId: 'qingshan-housing' });
    await app.request('handler', 'POST', `/api/petitions/${body.id}/acknowledge`, {});
    for (const deliveredOn of ['2020-01-01', '2099-01-01']) {
      const refused = await app.request('handler', 'POST', `/api/petitions/${body.id}/reply`, {
        outcome: 'supported',
        opinion: '已处理',
        deliveredOn,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.fields[0].path).toBe('deliveredOn');
    }
    const after = await app.request('handler', 'GET', `/api/petitions/${body.id}`);
    expect(after.body.status).toBe('accepted');
    expect(after.body.timeline.map((e: { type: string }) => e.type)).not.toContain('replied');
    const docs = await app.pool.query(
      'SELECT count(*)::int AS n FROM petition_documents WHERE petition_id = $1',
      [body.id],
    );
    expect(docs.rows[0].n).toBe(0);
  });

  it('bounds list pages: page 501 is refused, a long unit filter too', async () => {
    expect((await app.request('registrar', 'GET', '/api/petitions?page=501')).status).toBe(422);
    expect((await app.request('registrar', 'GET', `/api/petitions?unit=${'u'.repeat(101)}`)).status).toBe(
      422,
    );
  });

  it('refuses NUL characters in text with 422, not 500', async () => {
    const response = await register({ ...validRegistration(), description: 'a\u0000b' });
    expect(response.status).toBe(422);
    expect(response.body.error.details.fields[0].path).toBe('description');
  });

  it('refuses a received date before its rule set and the calendar cover it, naming that date (F14)', async () => {
    const before = await app.pool.query('SELECT count(*)::int AS n FROM petitions');
    for (const ruleSetId of ['national-2022', 'beijing-2006']) {
      const floor = earliestCoveredDate(getRuleSet(ruleSetId)).date;
      const response = await register({ ...validRegistration(addDays(floor, -1)), ruleSetId });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.details.fields[0].path).toBe('receivedOn');
      expect(response.body.error.details.fields[0].message).toContain(floor);
    }
    // The probe's date, in the contract's range but years before national-2022 was in force.
    const probe = await register(validRegistration('2000-01-01'));
    expect([probe.status, probe.body.error.details.fields[0].path]).toEqual([422, 'receivedOn']);
    const after = await app.pool.query('SELECT count(*)::int AS n FROM petitions');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses a received date before 2000 at the door', async () => {
    const response = await register(validRegistration('1999-12-31'));
    expect(response.status).toBe(422);
    expect(response.body.error.details.fields[0].path).toBe('receivedOn');
  });
});

describe('an Idempotency-Key whose first request never finished', () => {
  const hash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

  it('is taken over by a retry at once, which finishes the one registration', async () => {
    const body = validRegistration();
    const key = `unfinished-${Date.now()}`;
    // As left by an API process killed mid-request: claimed, never answered.
    await app.pool.query(
      `INSERT INTO idempotency_keys (login, key, method, path, request_hash, owner_token)
       VALUES ('registrar', $1, 'POST', '/api/petitions', $2, 'dead-process')`,
      [key, hash(body)],
    );
    const retried = await register(body, { 'Idempotency-Key': key });
    expect(retried.status).toBe(201);
    const again = await register(body, { 'Idempotency-Key': key });
    expect(again.body.id).toBe(retried.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The dead request's token can no longer complete the key.
    const { rows } = await app.pool.query(
      'SELECT owner_token, petition_id FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(rows[0].owner_token).not.toBe('dead-process');
    expect(rows[0].petition_id).toBe(retried.body.id);
  });
});
