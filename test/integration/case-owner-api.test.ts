import { addDays } from '../../src/rules/dates';
import { shanghaiToday, startTestApp, type TestApp } from '../support/harness';
import { footprint, PetitionFlow } from '../support/petition-flow';
import { testToken } from '../support/sign-in';

/**
 * 包案 in full through the API on the real stack (四定四包, S20–S22): the leader's target date as a deadline, the
 * four 包 recorded with their dates and shown in the case, the leader's own queue, the on-time rate by the
 * target date in the summary report; bad input is refused with a code and changes nothing.
 */
let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('case-owner-api');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

const today = shanghaiToday();
const owner = (targetDate: string) => ({
  leader: 'unit-head',
  handler: 'handler',
  task: '督促物业完成电梯维修并回访信访人。',
  targetDate,
});
const work = (kind: string, doneOn = today) => ({ kind, doneOn, note: `包案领导${kind}记录。` });

describe('the case-owning leader (包案)', () => {
  it('gets a deadline on the target date, records the four 包 in the case, and has a queue of their own', async () => {
    const id = await flow.accepted();
    const targetDate = addDays(today, 20);
    const named = await flow.post('unit-head', id, 'case-owner', owner(targetDate));
    expect(named.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'case-owner-target', status: 'running', dueDate: targetDate }),
      ]),
    );

    // The leader records their own; the bureau may record for the leader.
    await flow.post('unit-head', id, 'case-owner/work', work('investigation'));
    const detail = await flow.post('supervisor', id, 'case-owner/work', work('education'));
    expect(detail.caseOwnerWork).toEqual([
      {
        kind: 'investigation',
        doneOn: today,
        note: '包案领导investigation记录。',
        leader: 'unit-head',
        recordedBy: 'unit-head',
        recordedOn: today,
      },
      expect.objectContaining({ kind: 'education', leader: 'unit-head', recordedBy: 'supervisor' }),
    ]);
    expect(detail.timeline.map((e: { type: string }) => e.type)).toContain('case-owner-work-recorded');

    // A moved target date moves the deadline.
    const later = addDays(today, 30);
    const moved = await flow.post('unit-head', id, 'case-owner', owner(later));
    const targets = moved.deadlines.filter((d: { key: string }) => d.key === 'case-owner-target');
    expect(targets.map((d: { status: string; dueDate: string }) => [d.status, d.dueDate])).toEqual([
      ['cancelled', targetDate],
      ['running', later],
    ]);

    const queue = await app.request('unit-head', 'GET', '/api/petitions?caseOwner=me&pageSize=100');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(id);
    const someoneElse = await app.request('handler', 'GET', '/api/petitions?caseOwner=me&pageSize=100');
    expect(someoneElse.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('refuses a target date before the receipt, a record by someone else, an unknown kind: nothing stored', async () => {
    const id = await flow.accepted({ receivedOn: addDays(today, -3) });
    const before = await footprint(app.pool, id);
    const early = await app.request('unit-head', 'POST', `/api/petitions/${id}/case-owner`, {
      ...owner(addDays(today, -4)),
    });
    expect([early.status, early.body.error.code, early.body.error.details?.fields?.[0]?.path]).toEqual([
      422,
      'validation_failed',
      'targetDate',
    ]);
    expect(early.body.error.message).toContain(addDays(today, -3));
    const none = await app.request(
      'unit-head',
      'POST',
      `/api/petitions/${id}/case-owner/work`,
      work('handling'),
    );
    expect([none.status, none.body.error.code]).toEqual([409, 'transition_not_allowed']);
    expect(await footprint(app.pool, id)).toEqual(before);

    await flow.post('unit-head', id, 'case-owner', owner(addDays(today, 10)));
    const named = await footprint(app.pool, id);
    const byHandler = await app.request(
      'handler',
      'POST',
      `/api/petitions/${id}/case-owner/work`,
      work('handling'),
    );
    expect([byHandler.status, byHandler.body.error.code]).toEqual([403, 'forbidden']);
    const unknown = await app.request(
      'unit-head',
      'POST',
      `/api/petitions/${id}/case-owner/work`,
      work('visits'),
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'validation_failed']);
    const future = await app.request(
      'unit-head',
      'POST',
      `/api/petitions/${id}/case-owner/work`,
      work('handling', addDays(today, 1)),
    );
    expect([future.status, future.body.error.details?.fields?.[0]?.path]).toEqual([422, 'doneOn']);
    expect(await footprint(app.pool, id)).toEqual(named);

    await flow.post('unit-head', id, 'case-owner/work', work('handling'));
    const after = await footprint(app.pool, id);
    const twice = await app.request(
      'unit-head',
      'POST',
      `/api/petitions/${id}/case-owner/work`,
      work('handling'),
    );
    expect([twice.status, twice.body.error.code]).toEqual([409, 'transition_not_allowed']);
    expect(await footprint(app.pool, id)).toEqual(after);
  });

  it('counts the 包案 on-time rate by the target date in the summary report, with its formula', async () => {
    const quarter = `${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    // Other test files share the database: the figures are compared before and after this test's cases.
    const owned = async () => {
      const summary = await app.request('supervisor', 'GET', `/api/reports/summary?quarter=${quarter}`);
      expect(summary.status).toBe(200);
      return summary.body.caseOwned;
    };
    const before = await owned();
    const settled = await flow.accepted();
    await flow.post('unit-head', settled, 'case-owner', owner(addDays(today, 20)));
    await flow.post('handler', settled, 'reply', { outcome: 'supported', opinion: '已责成物业完成维修。' });
    // Owned and open, its target date ahead: not counted either way yet.
    const open = await flow.accepted();
    await flow.post('unit-head', open, 'case-owner', owner(addDays(today, 5)));
    const { rows } = await app.pool.query(
      `SELECT petition_id AS id, owner_target_date::text AS target, owner_settled_on::text AS settled
         FROM report_cases WHERE petition_id = ANY($1) ORDER BY petition_id`,
      [[settled, open]],
    );
    expect(rows).toEqual([
      { id: settled, target: addDays(today, 20), settled: today },
      { id: open, target: addDays(today, 5), settled: null },
    ]);
    // Two rows as the event writer leaves them, where the target date and D5 disagree: replied after the
    // target date but within D5 (late for 包案), and the target date passed while open, D5 still running.
    for (const [n, settledOn] of [[1, today] as const, [2, null] as const]) {
      const id = `XF-${today.slice(0, 4)}-99000${n}`;
      await app.pool.query(
        `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, domain_category, classification_version,
                                received_on, rule_set_id, subject, description, petitioner, registered_by, status,
                                first_time, registration_level, last_sequence)
         VALUES ($1, 'qingshan-petition-bureau', 'visit', 'complaint', 'urban-construction.housing',
                 'urban-construction', 'petitionflow-default@2026.1', $2, 'national-2022', 'fixture', 'fixture',
                 '{"name":"-"}', 'registrar', 'accepted', true, 'county', 1)`,
        [id, today],
      );
      await app.pool.query(
        `INSERT INTO report_cases (petition_id, received_on, bureau_unit_id, handling_unit_id, registration_level,
                channel, domain, domain_category, first_time, status, handle_due, handled_on, case_owned,
                owner_target_date, owner_settled_on)
         VALUES ($1, $2, 'qingshan-petition-bureau', 'qingshan-housing', 'county', 'visit',
                 'urban-construction.housing', 'urban-construction', true, 'accepted', $3, $4, true, $5, $4)`,
        [id, today, addDays(today, 60), settledOn, addDays(today, -1)],
      );
    }
    const after = await owned();
    expect(after.count - before.count).toBe(4);
    expect(after.onTimeCompletion.numerator - before.onTimeCompletion.numerator).toBe(1);
    expect(after.onTimeCompletion.denominator - before.onTimeCompletion.denominator).toBe(3);
    expect(after.formula).toContain('target date');
    const csv = await fetch(`${app.baseUrl}/api/reports/summary?quarter=${quarter}&format=csv`, {
      headers: { authorization: `Bearer ${await testToken('supervisor')}` },
    });
    const { rate, numerator, denominator } = after.onTimeCompletion;
    // The line's own five columns (the comparisons' follow).
    const lines = (await csv.text()).split('\r\n').map((line) => line.split(',').slice(0, 5).join(','));
    expect(lines).toContain(`包案按期办结率(%),caseOwnedOnTime,${rate ?? ''},${numerator},${denominator}`);
  });
});
