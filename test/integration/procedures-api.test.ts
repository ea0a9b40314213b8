import { dueDate, getRuleSet } from '../../src/rules';
import { addDays } from '../../src/rules/dates';
import { petitionerKeyOf } from '../../src/domain/registration';
import { petitionWorkflowId } from '../../src/workflows/messages';
import {
  LONG_AGO_DAYS,
  startTestApp,
  shanghaiToday,
  TEST_AUTH_SECRET,
  type TestApp,
} from '../support/harness';
import { saveHistoryIfRequested } from '../support/histories';
import { caseEvents, deadlineOf, footprint, PetitionFlow } from '../support/petition-flow';

/** Every first-instance procedure through the HTTP API, against the real dev server and PostgreSQL. */
let app: TestApp;
let flow: PetitionFlow;
const national = getRuleSet('national-2022');

beforeAll(async () => {
  app = await startTestApp('procedure-tests');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

const saveHistory = (id: string, name: string) =>
  saveHistoryIfRequested(app.client.workflow.getHandle(petitionWorkflowId(id)), name);

async function row(id: string) {
  const { rows } = await app.pool.query(
    'SELECT status, handling_unit_id, closed_reason, procedure, routing_mode, overdue, last_sequence FROM petitions WHERE id = $1',
    [id],
  );
  return rows[0];
}

const counts = (id: string) => footprint(app.pool, id);

async function workflowStatus(id: string) {
  return (await app.client.workflow.getHandle(petitionWorkflowId(id)).describe()).status.name;
}

const idNumber = () => `11010519491231${String(Math.floor(Math.random() * 9000) + 1000)}`;

describe('registration', () => {
  it('flags first-time petitions, links a repeat on an open matter, and accepts groups of at most 5 representatives', async () => {
    const person = idNumber();
    const first = await flow.register({
      petitioner: { name: '王五', idNumber: person },
      group: { persons: 30, representatives: 5 },
    });
    const firstCase = await flow.get('registrar', first);
    expect(firstCase.flags).toEqual({
      firstTime: true,
      repeat: false,
      group: { persons: 30, representatives: 5 },
    });

    const repeat = await flow.register({ petitioner: { name: '王五', idNumber: person } });
    const repeatCase = await flow.get('registrar', repeat);
    expect(repeatCase.flags).toMatchObject({ firstTime: false, repeat: true });
    expect(repeatCase.links).toEqual({
      repeatOf: first,
      finalCase: null,
      linkedFrom: [],
      // Links staff made (issue 22): none here.
      related: [],
      history: [],
    });
    expect((await flow.get('registrar', first)).links.linkedFrom).toEqual([
      { id: repeat, relation: 'repeat' },
    ]);

    const otherMatter = await flow.register({
      petitioner: { name: '王五', idNumber: person },
      domain: 'education',
    });
    expect((await flow.get('registrar', otherMatter)).flags).toMatchObject({
      firstTime: true,
      repeat: false,
    });

    const sixRepresentatives = await app.request('registrar', 'POST', '/api/petitions', {
      channel: 'visit',
      category: 'complaint',
      domain: 'urban-construction',
      subject: '集体访',
      description: '集体访',
      petitioner: { name: '代表' },
      receivedOn: shanghaiToday(),
      group: { persons: 40, representatives: 6 },
    });
    expect(sixRepresentatives.status).toBe(422);
    expect(sixRepresentatives.body.error.details.fields[0].path).toBe('group.representatives');

    const history = JSON.stringify(
      await app.client.workflow.getHandle(petitionWorkflowId(first)).fetchHistory(),
    );
    expect(history).not.toContain(person);
    expect(history).not.toContain('王五');
    await saveHistory(repeat, 'case-register-repeat');
  });

  it('registers a matter already final (Art 36 ¶3) as not accepted, with the earlier case linked', async () => {
    const person = idNumber();
    const earlier = await flow.register({ petitioner: { name: '赵六', idNumber: person } });
    // The review chain is a later issue: mark the earlier case final as its re-examination would.
    await app.pool.query(`UPDATE petitions SET status = 'closed', closed_reason = 'final' WHERE id = $1`, [
      earlier,
    ]);
    const again = await flow.register({ petitioner: { name: '赵六', idNumber: person } });
    const detail = await flow.get('registrar', again);
    expect(detail).toMatchObject({ status: 'closed', closedReason: 'not-accepted' });
    expect(detail.notAccepted).toMatchObject({ by: 'bureau', reason: 'final' });
    expect(detail.links).toMatchObject({ finalCase: earlier });
    expect(caseEvents(detail)).toEqual(['registered', 'not-accepted', 'closed']);
    expect(await row(again)).toMatchObject({ status: 'closed', closed_reason: 'not-accepted' });
    const key = petitionerKeyOf(TEST_AUTH_SECRET, person);
    const { rows } = await app.pool.query('SELECT petitioner_key FROM petitions WHERE id = $1', [again]);
    expect(rows[0].petitioner_key).toBe(key);
    await saveHistory(again, 'case-register-final');
  });
});

describe('routing decisions within D1', () => {
  it('routes a petition received long ago: D1 is overdue at once, supervised once, and met late', async () => {
    const receivedOn = addDays(shanghaiToday(), -LONG_AGO_DAYS);
    const id = await flow.register({ receivedOn });
    // The alarm fires right after the registration answered.
    let registered = await flow.get('registrar', id);
    for (let i = 0; i < 50 && !registered.overdue; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      registered = await flow.get('registrar', id);
    }
    expect(registered.overdue).toBe(true);
    expect(deadlineOf(registered, 'route')).toMatchObject({ status: 'overdue', startDate: receivedOn });
    expect(caseEvents(registered)).toEqual(['registered', 'supervision-notice']);
    expect(registered.timeline.map((e: { type: string }) => e.type)).toContain('deadline-overdue');
    const routed = await flow.post('registrar', id, 'route', { unitId: 'qingshan-housing' });
    expect(deadlineOf(routed, 'route')).toMatchObject({ status: 'met', late: true });
    expect(routed.overdue).toBe(false);
  });

  it('assigns with a report deadline D4 whose length the assigner sets', async () => {
    const id = await flow.register();
    const today = shanghaiToday();
    const detail = await flow.post('registrar', id, 'route', {
      unitId: 'qingshan-housing',
      mode: 'assign',
      reportDays: 20,
    });
    expect(detail.routing).toEqual({ mode: 'assign', routedOn: today, reportDays: 20 });
    expect(deadlineOf(detail, 'report-assigned')).toMatchObject({
      status: 'running',
      startDate: today,
      dueDate: dueDate(national, 'report-assigned', today, { lengthDays: 20 }).dueDate,
    });
    expect(await row(id)).toMatchObject({ status: 'transferred', routing_mode: 'assign' });
    const tooLong = await app.request('registrar', 'POST', `/api/petitions/${await flow.register()}/route`, {
      unitId: 'qingshan-housing',
      mode: 'assign',
      reportDays: 90,
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.details.fields[0].path).toBe('reportDays');
    await saveHistory(id, 'case-assign');
  });

  it('routes only to handling units under the bureau’s jurisdiction', async () => {
    const id = await flow.register();
    for (const unitId of ['yunzhou-housing', 'dongling-housing']) {
      const response = await app.request('registrar', 'POST', `/api/petitions/${id}/route`, { unitId });
      expect(response.status).toBe(422);
      expect(response.body.error.message).toContain('outside the jurisdiction');
    }
    expect(await counts(id)).toEqual({ events: 2, documents: 0 });
  });

  it('diverts to another procedure or does not accept: the case ends with a notice', async () => {
    const diverted = await flow.register();
    const detail = await flow.post('registrar', diverted, 'divert', {
      to: 'arbitration',
      notice: '请申请劳动仲裁。',
    });
    expect(detail).toMatchObject({ status: 'closed', closedReason: 'diverted' });
    expect(detail.diversion).toMatchObject({ to: 'arbitration', notice: '请申请劳动仲裁。' });
    expect(deadlineOf(detail, 'route').status).toBe('met');
    expect(await workflowStatus(diverted)).toBe('COMPLETED');
    await saveHistory(diverted, 'case-divert');

    const refused = await flow.transferred();
    const notAccepted = await flow.post('handler', refused, 'not-accept', {
      reason: 'outside-remit',
      notice: '不属于本单位职权范围。',
    });
    expect(notAccepted).toMatchObject({ status: 'closed', closedReason: 'not-accepted' });
    expect(notAccepted.notAccepted).toMatchObject({
      by: 'unit',
      reason: 'outside-remit',
      notice: '不属于本单位职权范围。',
    });
    expect(deadlineOf(notAccepted, 'acknowledge').status).toBe('met');
    expect(deadlineOf(notAccepted, 'object').status).toBe('met');
    expect(await row(refused)).toMatchObject({ status: 'closed', closed_reason: 'not-accepted' });
    await saveHistory(refused, 'case-not-accept');
  });
});

describe('objection to a misrouting (D3)', () => {
  it('re-routes: the new unit gets the case and fresh deadlines, the first loses it', async () => {
    const id = await flow.transferred();
    const objected = await flow.post('handler', id, 'objection', { reason: '属于人社部门职责。' });
    expect(objected.status).toBe('objected');
    expect(objected.objection).toMatchObject({
      status: 'pending',
      reason: '属于人社部门职责。',
      raisedBy: 'handler',
    });
    expect(deadlineOf(objected, 'decide-objection')).toMatchObject({
      status: 'running',
      dueDate: dueDate(national, 'decide-objection', shanghaiToday()).dueDate,
    });
    const accept = await app.request('handler', 'POST', `/api/petitions/${id}/acknowledge`, {});
    expect(accept.status).toBe(409);

    const rerouted = await flow.post('registrar', id, 'objection/decision', {
      decision: 'rerouted',
      unitId: 'qingshan-hr',
    });
    expect(rerouted).toMatchObject({
      status: 'transferred',
      handlingUnitId: 'qingshan-hr',
      objection: { status: 'rerouted' },
    });
    expect(
      rerouted.deadlines
        .filter((d: { key: string }) => d.key === 'acknowledge')
        .map((d: { status: string }) => d.status),
    ).toEqual(['cancelled', 'running']);
    expect((await app.request('handler', 'GET', `/api/petitions/${id}`)).status).toBe(404);
    await flow.post('hr-handler', id, 'accept', {});
    expect(await row(id)).toMatchObject({ status: 'accepted', handling_unit_id: 'qingshan-hr' });
    await saveHistory(id, 'case-objection-rerouted');
  });

  it('upholds: the unit keeps the case; an objection from another unit is not found', async () => {
    const id = await flow.transferred();
    expect(
      (await app.request('hr-handler', 'POST', `/api/petitions/${id}/objection`, { reason: 'x' })).status,
    ).toBe(404);
    await flow.post('handler', id, 'objection', { reason: '不属于本单位。' });
    const upheld = await flow.post('supervisor', id, 'objection/decision', {
      decision: 'upheld',
      note: '维持原转送。',
    });
    expect(upheld).toMatchObject({ status: 'transferred', handlingUnitId: 'qingshan-housing' });
    expect(upheld.objection).toMatchObject({
      status: 'upheld',
      note: '维持原转送。',
      decidedBy: 'supervisor',
    });
    const before = await counts(id);
    const again = await app.request('handler', 'POST', `/api/petitions/${id}/objection`, {
      reason: '再次异议',
    });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('deadline_passed');
    expect(await counts(id)).toEqual(before);
  });
});

describe('acceptance and procedure', () => {
  it('switches the simplified procedure (10 wd) to the normal one, counted from the acceptance date', async () => {
    const id = await flow.accepted({}, 'simplified');
    const today = shanghaiToday();
    const simplified = await flow.get('handler', id);
    expect(simplified.procedure).toBe('simplified');
    expect(deadlineOf(simplified, 'handle-simplified')).toMatchObject({
      status: 'running',
      dueDate: dueDate(national, 'handle-simplified', today).dueDate,
    });
    const normal = await flow.post('handler', id, 'procedure', { procedure: 'normal' });
    expect(deadlineOf(normal, 'handle-simplified').status).toBe('cancelled');
    expect(deadlineOf(normal, 'handle')).toMatchObject({
      status: 'running',
      startDate: today,
      dueDate: dueDate(national, 'handle', today).dueDate,
    });
    expect(await row(id)).toMatchObject({ procedure: 'normal' });
    await saveHistory(id, 'case-simplified-to-normal');
  });

  it('gives suggestions the 60 d service norm instead of the statutory D5', async () => {
    const id = await flow.accepted({ category: 'suggestion' });
    const detail = await flow.get('handler', id);
    expect(deadlineOf(detail, 'handle')).toBeUndefined();
    expect(deadlineOf(detail, 'handle-service-norm')).toMatchObject({
      kind: 'service-norm',
      status: 'running',
    });
  });
});

describe('case-owning leader (包案)', () => {
  it('names the leader, handler, task and target date; unknown people are refused', async () => {
    const id = await flow.accepted();
    const targetDate = addDays(shanghaiToday(), 90);
    const unknownLeader = await app.request('unit-head', 'POST', `/api/petitions/${id}/case-owner`, {
      leader: 'nobody',
      handler: 'handler',
      task: '督办',
      targetDate,
    });
    expect(unknownLeader.status).toBe(422);
    // F8: a leader gets the case's notices, so only someone who may open it (not another county bureau).
    const outsider = await app.request('unit-head', 'POST', `/api/petitions/${id}/case-owner`, {
      leader: 'hr-handler',
      handler: 'handler',
      task: '督办',
      targetDate,
    });
    expect([outsider.status, outsider.body.error.details?.fields?.[0]?.path]).toEqual([422, 'leader']);
    const wrongHandler = await app.request('unit-head', 'POST', `/api/petitions/${id}/case-owner`, {
      leader: 'supervisor',
      handler: 'hr-handler',
      task: '督办',
      targetDate,
    });
    expect(wrongHandler.status).toBe(422);
    expect(await counts(id)).toMatchObject({ documents: 0 });
    const byHandler = await app.request('handler', 'POST', `/api/petitions/${id}/case-owner`, {
      leader: 'supervisor',
      handler: 'handler',
      task: '督办',
      targetDate,
    });
    expect(byHandler.status).toBe(403);
    const detail = await flow.post('unit-head', id, 'case-owner', {
      leader: 'supervisor',
      handler: 'handler',
      task: '包案化解',
      targetDate,
    });
    expect(detail.caseOwner).toMatchObject({
      leader: 'supervisor',
      handler: 'handler',
      task: '包案化解',
      targetDate,
      setBy: 'unit-head',
    });
    await saveHistory(id, 'case-owner');
  });
});

describe('extensions (D6)', () => {
  it('moves D5 from its original start when the unit head approves; tells the petitioner', async () => {
    const id = await flow.accepted();
    const acceptedOn = shanghaiToday();
    const requested = await flow.post('handler', id, 'extensions', { days: 20, reason: '需第三方检测。' });
    expect(requested.extensions).toEqual([
      expect.objectContaining({
        id: 'ext-1',
        days: 20,
        status: 'pending',
        requestedBy: 'handler',
        reason: '需第三方检测。',
      }),
    ]);
    expect(
      (await app.request('handler', 'POST', `/api/petitions/${id}/extensions/ext-1/approve`, {})).status,
    ).toBe(403);
    expect(
      (await app.request('unit-head', 'POST', `/api/petitions/${id}/extensions/ext-7/approve`, {})).status,
    ).toBe(404);
    expect(
      (await app.request('unit-head', 'POST', `/api/petitions/${id}/extensions/seven/approve`, {})).status,
    ).toBe(422);
    const approved = await flow.post('unit-head', id, 'extensions/ext-1/approve', {});
    expect(approved.extensions[0]).toMatchObject({ status: 'approved', decidedBy: 'unit-head' });
    expect(deadlineOf(approved, 'handle')).toMatchObject({
      status: 'running',
      startDate: acceptedOn,
      extensionDays: 20,
      dueDate: dueDate(national, 'handle', acceptedOn, { extensionDays: 20 }).dueDate,
    });
    expect(caseEvents(approved)).toEqual(
      expect.arrayContaining(['extension-approved', 'petitioner-notified']),
    );

    // The unit head asks for the remaining 10 d and may not approve it alone.
    await flow.post('unit-head', id, 'extensions', { days: 10, reason: '再延期。' });
    expect(
      (await app.request('unit-head', 'POST', `/api/petitions/${id}/extensions/ext-2/approve`, {})).status,
    ).toBe(403);
    const selfRefusal = await app.request(
      'unit-head',
      'POST',
      `/api/petitions/${id}/extensions/ext-2/refuse`,
      {},
    );
    expect(selfRefusal.status).toBe(403);
    await saveHistory(id, 'case-extension');
  });

  it('decides two requests that arrive together one after the other: one wins, the case goes on', async () => {
    const id = await flow.accepted();
    const both = await Promise.all([
      app.request('handler', 'POST', `/api/petitions/${id}/extensions`, { days: 10, reason: '甲' }),
      app.request('unit-head', 'POST', `/api/petitions/${id}/extensions`, { days: 10, reason: '乙' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const detail = await flow.get('handler', id);
    expect(detail.extensions.map((x: { id: string }) => x.id)).toEqual(['ext-1']);
    const sequences = detail.timeline.map((e: { sequence: number }) => e.sequence);
    expect(sequences).toEqual(sequences.map((_: number, i: number) => i + 1));
    await flow.post('handler', id, 'reply', { outcome: 'supported', opinion: '已处理' });
  });

  it('refuses a request over the cap and a second one while the first waits', async () => {
    const id = await flow.accepted();
    const over = await app.request('handler', 'POST', `/api/petitions/${id}/extensions`, {
      days: 31,
      reason: 'x',
    });
    expect(over.status).toBe(422);
    await flow.post('handler', id, 'extensions', { days: 5, reason: '等待鉴定。' });
    const second = await app.request('handler', 'POST', `/api/petitions/${id}/extensions`, {
      days: 5,
      reason: 'y',
    });
    expect(second.status).toBe(409);
    const refused = await flow.post('unit-head', id, 'extensions/ext-1/refuse', { reason: '期限内可办结。' });
    expect(refused.extensions[0]).toMatchObject({ status: 'refused', refusalReason: '期限内可办结。' });
    expect(await counts(id)).toMatchObject({ documents: 2 });
  });
});

describe('withdrawal', () => {
  it('closes the case with that reason, cancelling what still runs', async () => {
    const id = await flow.accepted();
    const detail = await flow.post('handler', id, 'withdraw', { reason: '信访人撤回。' });
    expect(detail).toMatchObject({
      status: 'closed',
      closedReason: 'withdrawn',
      withdrawal: { reason: '信访人撤回。' },
    });
    expect(deadlineOf(detail, 'handle').status).toBe('cancelled');
    expect(await row(id)).toMatchObject({ status: 'closed', closed_reason: 'withdrawn', overdue: false });
    const again = await app.request('handler', 'POST', `/api/petitions/${id}/withdraw`, { reason: 'again' });
    expect(again.status).toBe(409);
    await saveHistory(id, 'case-withdraw');
  });
});

describe('a cancellation requested in Temporal (e.g. the Web UI)', () => {
  it('is recorded and refused: the case and its timers go on', async () => {
    const id = await flow.transferred();
    await app.client.workflow.getHandle(petitionWorkflowId(id)).cancel();
    let detail = await flow.get('handler', id);
    for (let i = 0; i < 50 && !caseEvents(detail).includes('cancellation-requested'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      detail = await flow.get('handler', id);
    }
    expect(caseEvents(detail)).toContain('cancellation-requested');
    expect(await workflowStatus(id)).toBe('RUNNING');
    const accepted = await flow.post('handler', id, 'accept', {});
    expect(deadlineOf(accepted, 'handle').status).toBe('running');
  });
});
