import { startTestApp, type TestApp, validRegistration } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';

/**
 * The petitioner's file (一户一档) through the HTTP API: the desk's lookup while registering, the summary in the
 * registration answer, the file with one timeline, matches by name and phone confirmed by a person, and links
 * between cases with their audit. Personal data only for the roles that may search by the petitioner.
 */
let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('petitioner-file-tests');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

/** A resident ID number of a person of this test run only (the database is shared by the run's tests). */
let serial = 0;
const idNumber = () => `11010119900101${String((serial += 1)).padStart(3, '0')}X`;
const person = (name: string, phone: string, id?: string) => ({
  petitioner: { name, phone, ...(id ? { idNumber: id } : {}) },
});
const lookup = (login: string, body: unknown) => app.request(login, 'POST', '/api/petitioners/lookup', body);

describe('the petitioner’s file (一户一档)', () => {
  it('tells the desk, before and at registration, how many earlier cases the person has: open and final', async () => {
    const id = idNumber();
    const first = await flow.register(person('赵六', '13700000001', id));
    const second = await flow.transferred(person('赵六', '137-0000-0001', id));
    await flow.post('handler', second, 'withdraw', { reason: '撤回。' });

    const known = await lookup('registrar', { idNumber: id });
    expect(known.status).toBe(200);
    expect(known.body.matches).toEqual([
      expect.objectContaining({
        name: '赵六',
        match: 'identity-number',
        cases: { total: 2, open: 1, final: 0 },
      }),
    ]);
    const petitionerId = known.body.matches[0].petitionerId as string;
    expect((await lookup('registrar', { idNumber: idNumber() })).body.matches).toEqual([]);

    const third = await app.request('registrar', 'POST', '/api/petitions', {
      ...validRegistration(),
      ...person('赵六', '13700000001', id),
    });
    expect(third.status).toBe(201);
    expect(third.body.petitionerFile).toEqual({
      petitionerId,
      name: '赵六',
      match: 'registration',
      cases: { total: 2, open: 1, final: 0 },
      candidates: [],
    });

    const file = await app.request('handler', 'GET', `/api/petitioners/${petitionerId}`);
    expect(file.status).toBe(200);
    // The handling unit sees the case routed to it, not the bureau's others.
    expect(file.body.cases.map((c: { id: string }) => c.id)).toEqual([second]);
    const bureauFile = (await app.request('registrar', 'GET', `/api/petitioners/${petitionerId}`)).body;
    expect(bureauFile).toMatchObject({ name: '赵六', phone: '13700000001', identified: true });
    expect(bureauFile.cases.map((c: { id: string }) => c.id)).toEqual([first, second, third.body.id]);
    // One timeline across the cases, each entry naming its case.
    const cases = new Set(bureauFile.timeline.map((e: { petitionId: string }) => e.petitionId));
    expect(cases).toEqual(new Set([first, second, third.body.id]));
    expect(bureauFile.timeline.map((e: { at: string }) => e.at)).toEqual(
      [...bureauFile.timeline.map((e: { at: string }) => e.at)].sort(),
    );
  });

  it('finds a person by name and phone as a candidate, and joins a case once a person confirms it', async () => {
    const phone = '13600000002';
    const withNumber = await flow.register(person('孙八', phone, idNumber()));
    const registered = await app.request('registrar', 'POST', '/api/petitions', {
      ...validRegistration(),
      ...person('孙八', phone),
    });
    const without = registered.body.id as string;
    // The desk is shown the person of the same name and phone, to confirm or not.
    expect(registered.body.petitionerFile).toMatchObject({
      cases: { total: 0, open: 0, final: 0 },
      candidates: [
        {
          petitionerId: (await flow.get('registrar', withNumber)).petitionerId,
          match: 'name-and-phone',
          cases: { total: 1, open: 1, final: 0 },
        },
      ],
    });
    const candidates = (await lookup('registrar', { name: '孙八', phone: '136 0000 0002' })).body.matches;
    expect(candidates).toHaveLength(2);
    expect(candidates.every((m: { match: string }) => m.match === 'name-and-phone')).toBe(true);

    const target = (await flow.get('registrar', withNumber)).petitionerId as string;
    const confirmed = await app.request('supervisor', 'POST', `/api/petitioners/${target}/matches`, {
      caseId: without,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.cases.map((c: { id: string }) => c.id)).toEqual([withNumber, without]);
    expect(confirmed.body.confirmedMatches).toEqual([
      expect.objectContaining({ petitionId: without, confirmedBy: 'supervisor' }),
    ]);
    const again = await app.request('supervisor', 'POST', `/api/petitioners/${target}/matches`, {
      caseId: without,
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_in_file']);
    const other = await flow.register(person('孙八', '13600000099'));
    const wrong = await app.request('supervisor', 'POST', `/api/petitioners/${target}/matches`, {
      caseId: other,
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'not_a_match']);
  });

  it('keeps petitioner data from roles that may not search by the petitioner, and files from other areas', async () => {
    const id = idNumber();
    await flow.register(person('周九', '13500000003', id));
    const admin = await lookup('admin', { idNumber: id });
    expect([admin.status, admin.body.error.code]).toEqual([403, 'forbidden']);
    const bad = await lookup('registrar', { idNumber: '123' });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
    const both = await lookup('registrar', { idNumber: id, name: '周九', phone: '13500000003' });
    expect(both.status).toBe(422);
    const missing = await app.request('registrar', 'GET', '/api/petitioners/P-0000000000000000');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
    // Another area's registrar (the handling unit of another county) sees nothing of this file.
    const known = (await lookup('registrar', { idNumber: id })).body.matches[0].petitionerId;
    const elsewhere = await app.request('hr-handler', 'GET', `/api/petitioners/${known}`);
    expect(elsewhere.status).toBe(404);
  });
});

describe('links between cases (关联)', () => {
  it('links and unlinks two visible cases, audited, and refuses bad links changing nothing', async () => {
    const a = await flow.register();
    const b = await flow.register();
    const linked = await app.request('registrar', 'POST', `/api/petitions/${a}/links`, {
      caseId: b,
      relation: 'same-matter',
    });
    expect(linked.status).toBe(200);
    expect(linked.body.links.related).toEqual([
      expect.objectContaining({ caseId: b, relation: 'same-matter', linkedBy: 'registrar' }),
    ]);
    expect((await flow.get('registrar', b)).links.related).toEqual([expect.objectContaining({ caseId: a })]);

    const twice = await app.request('registrar', 'POST', `/api/petitions/${b}/links`, {
      caseId: a,
      relation: 'related',
    });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'already_linked']);
    const self = await app.request('registrar', 'POST', `/api/petitions/${a}/links`, {
      caseId: a,
      relation: 'related',
    });
    expect([self.status, self.body.error.code]).toEqual([422, 'link_to_itself']);
    const unknown = await app.request('registrar', 'POST', `/api/petitions/${a}/links`, {
      caseId: 'XF-1999-000001',
      relation: 'related',
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    const badRelation = await app.request('registrar', 'POST', `/api/petitions/${a}/links`, {
      caseId: b,
      relation: 'x',
    });
    expect(badRelation.status).toBe(422);

    const unlinked = await app.request('supervisor', 'DELETE', `/api/petitions/${b}/links/${a}`);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.links.related).toEqual([]);
    expect(unlinked.body.links.history).toEqual([
      expect.objectContaining({ caseId: a, action: 'linked', actor: 'registrar', relation: 'same-matter' }),
      expect.objectContaining({
        caseId: a,
        action: 'unlinked',
        actor: 'supervisor',
        relation: 'same-matter',
      }),
    ]);
    const gone = await app.request('supervisor', 'DELETE', `/api/petitions/${b}/links/${a}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'not_linked']);
  });
});
