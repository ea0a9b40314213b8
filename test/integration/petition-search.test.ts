import { addDays } from '../../src/rules/dates';
import { shanghaiToday, startTestApp, type TestApp, validRegistration } from '../support/harness';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp('search-tests');
});

afterAll(async () => {
  await app?.stop();
});

/** CJK characters no other test writes, so that each search here finds only this file's cases. */
function rareHan(count: number): string {
  return Array.from({ length: count }, () =>
    String.fromCodePoint(0x7000 + Math.floor(Math.random() * 0x1000)),
  ).join('');
}

const RECEIVED = '2026-11-20';

async function register(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await app.request('registrar', 'POST', '/api/petitions', {
    ...validRegistration(RECEIVED),
    ...overrides,
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function search(login: string, query: Record<string, string>) {
  return app.request(login, 'GET', `/api/petitions?${new URLSearchParams(query).toString()}`);
}

const idsOf = (body: { items: Array<{ id: string }> }) => body.items.map((p) => p.id);

describe('free text over subject and description', () => {
  it('finds a case by a two-character Chinese query, in the subject or the description', async () => {
    const pair = rareHan(2);
    const other = rareHan(2);
    const inSubject = await register({ subject: `小区${pair}长期停运` });
    const inDescription = await register({ description: `3号楼${pair}自8月起停运。` });
    const neither = await register({ subject: `小区${other}停运` });
    const found = await search('registrar', { q: pair });
    expect(found.status).toBe(200);
    expect(idsOf(found.body).sort()).toEqual([inSubject, inDescription].sort());
    expect(idsOf(found.body)).not.toContain(neither);
    // The two characters apart are not the word.
    const apart = await search('registrar', { q: `${pair[0]}x${pair[1]}` });
    expect(idsOf(apart.body)).toEqual([]);
  });

  it('checks the exact text after the index: every bigram present is not enough', async () => {
    const [a, b, c] = [rareHan(1), rareHan(1), rareHan(1)];
    // The text has the bigrams ab, bb, bc of the query abbc, but not abbc itself.
    const id = await register({ subject: `${a}${b}${b}${b}${c}` });
    expect(idsOf((await search('registrar', { q: `${a}${b}${b}${c}` })).body)).toEqual([]);
    expect(idsOf((await search('registrar', { q: `${a}${b}${b}${b}${c}` })).body)).toEqual([id]);
  });

  it('ANDs words separated by spaces, mixes Chinese with numbers, ignores case of Latin letters', async () => {
    const pair = rareHan(2);
    const both = await register({ subject: `${pair}维修`, description: `Building 3号楼 Lift` });
    await register({ subject: `${pair}维修`, description: '无关' });
    expect(idsOf((await search('registrar', { q: `${pair} 3号楼` })).body)).toEqual([both]);
    expect(idsOf((await search('registrar', { q: `${pair} lift` })).body)).toEqual([both]);
  });

  it('matches letters and digits as whole words: 3号楼 is not 13号楼', async () => {
    const pair = rareHan(2);
    const thirteen = await register({ subject: `${pair}`, description: '13号楼' });
    const three = await register({ subject: `${pair}`, description: '3号楼' });
    expect(idsOf((await search('registrar', { q: `${pair} 3号楼` })).body)).toEqual([three]);
    expect(idsOf((await search('registrar', { q: `${pair} 13号楼` })).body)).toEqual([thirteen]);
  });

  it('finds a case by its number or the start of it', async () => {
    const id = await register();
    expect(idsOf((await search('registrar', { q: id })).body)).toEqual([id]);
    expect(idsOf((await search('registrar', { q: id.toLowerCase() })).body)).toEqual([id]);
    const prefix = id.slice(0, -1);
    const byPrefix = await search('registrar', { q: prefix, pageSize: '100' });
    expect(idsOf(byPrefix.body)).toContain(id);
    expect(idsOf(byPrefix.body).every((found) => found.startsWith(prefix))).toBe(true);
  });
});

describe('access scoping', () => {
  it('finds only the cases the caller may see; oversight sees its region', async () => {
    const pair = rareHan(2);
    const routed = await register({ subject: `${pair}事项` });
    const kept = await register({ subject: `${pair}事项` });
    const route = await app.request('registrar', 'POST', `/api/petitions/${routed}/route`, {
      unitId: 'qingshan-hr',
    });
    expect(route.status).toBe(200);
    expect(idsOf((await search('hr-handler', { q: pair })).body)).toEqual([routed]);
    expect(idsOf((await search('handler', { q: pair })).body)).toEqual([]);
    expect(idsOf((await search('city-handler', { q: pair })).body)).toEqual([]);
    expect(idsOf((await search('jco', { q: pair })).body).sort()).toEqual([routed, kept].sort());
    // Filters narrow the same scope.
    const transferred = await search('registrar', { q: pair, status: 'transferred', unit: 'qingshan-hr' });
    expect(idsOf(transferred.body)).toEqual([routed]);
  });
});

describe('petitioner fields', () => {
  it('are searchable by the desk and the joint-conference office, refused (403) to an administrator', async () => {
    const name = rareHan(3);
    const idNumber = `${String(Math.floor(Math.random() * 1e17)).padStart(17, '0')}X`;
    const phone = `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const id = await register({ petitioner: { name, phone, idNumber } });
    await register({ petitioner: { name: rareHan(3), phone: '13900000000' } });
    expect(idsOf((await search('registrar', { petitionerName: name.slice(1) })).body)).toEqual([id]);
    const dashed = `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    expect(idsOf((await search('registrar', { petitionerPhone: dashed })).body)).toEqual([id]);
    expect(idsOf((await search('jco', { petitionerIdNumber: idNumber.toLowerCase() })).body)).toEqual([id]);
    const byPerson: Array<Record<string, string>> = [
      { petitionerName: name },
      { petitionerPhone: phone },
      { petitionerIdNumber: idNumber },
    ];
    for (const query of byPerson) {
      const refused = await search('admin', query);
      expect([refused.status, refused.body.error.code]).toEqual([403, 'petitioner_search_forbidden']);
    }
    // The administrator still lists cases without petitioner fields, and reads a case with the surname only.
    expect((await search('admin', { q: id })).status).toBe(200);
    const asAdmin = await app.request('admin', 'GET', `/api/petitions/${id}`);
    expect(asAdmin.body.petitioner).toEqual({ name: `${[...name][0]}${'*'.repeat([...name].length - 1)}` });
    expect((await app.request('registrar', 'GET', `/api/petitions/${id}`)).body.petitioner).toMatchObject({
      name,
      phone,
    });
  });
});

describe('filters', () => {
  it('by date received, channel, classification, flags and the leader who owns the case', async () => {
    const pair = rareHan(2);
    // Received two days ago and today: both well within their time to be routed (D1), whatever today is, so
    // that no 督办 comes of them (fixed dates in November made them overdue, and noticed, in December).
    const today = shanghaiToday();
    const early = await register({ subject: `${pair}一`, receivedOn: addDays(today, -2), channel: 'visit' });
    const late = await register({
      subject: `${pair}二`,
      receivedOn: today,
      domain: 'labour-and-social-security',
    });
    const q = { q: pair };
    const between = addDays(today, -1);
    expect(idsOf((await search('registrar', { ...q, receivedTo: between })).body)).toEqual([early]);
    expect(idsOf((await search('registrar', { ...q, receivedFrom: between })).body)).toEqual([late]);
    expect(idsOf((await search('registrar', { ...q, channel: 'visit' })).body)).toEqual([early]);
    expect(idsOf((await search('registrar', { ...q, domain: 'urban-construction' })).body)).toEqual([early]);
    expect(
      idsOf((await search('registrar', { ...q, domain: 'urban-construction.property-management' })).body),
    ).toEqual([early]);
    expect(
      idsOf((await search('registrar', { ...q, firstTime: 'true', group: 'false' })).body).sort(),
    ).toEqual([early, late].sort());
    expect(idsOf((await search('registrar', { ...q, repeat: 'true' })).body)).toEqual([]);
    const owned = await app.request('supervisor', 'POST', `/api/petitions/${late}/case-owner`, {
      leader: 'supervisor',
      handler: 'registrar',
      task: '包案化解',
      targetDate: addDays(shanghaiToday(), 10),
    });
    expect(owned.status).toBe(200);
    expect(idsOf((await search('supervisor', { ...q, caseOwner: 'me' })).body)).toEqual([late]);
    expect(idsOf((await search('registrar', { ...q, caseOwner: 'supervisor' })).body)).toEqual([late]);
    expect(idsOf((await search('registrar', { ...q, caseOwner: 'me' })).body)).toEqual([]);
    expect(idsOf((await search('registrar', { ...q, supervisionLevel: 'notice' })).body)).toEqual([]);
  });
});

describe('keyset paging', () => {
  it('walks every match once, newest first, and says where the list ends', async () => {
    const pair = rareHan(2);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await register({ subject: `${pair}第${i}件` }));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await search('registrar', { q: pair, pageSize: '2', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(5);
      seen.push(...idsOf(page.body));
      cursor = page.body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual([...ids].reverse());
  });
});

describe('bad input', () => {
  it.each([
    ['an empty q', { q: '' }, 'q'],
    ['a one-character q', { q: '电' }, 'q'],
    ['two Chinese characters apart', { q: '电 梯' }, 'q'],
    ['an unknown channel', { channel: 'pigeon' }, 'channel'],
    ['an unknown status', { status: 'lost' }, 'status'],
    ['an unknown supervision level', { supervisionLevel: 'gold' }, 'supervisionLevel'],
    ['an unknown classification code', { domain: 'no-such-matter' }, 'domain'],
    ['a flag that is not true or false', { overdue: 'yes' }, 'overdue'],
    ['a date that is not a date', { receivedFrom: '2026-02-30' }, 'receivedFrom'],
    ['dates the wrong way round', { receivedFrom: '2026-11-20', receivedTo: '2026-11-01' }, 'receivedFrom'],
    ['a made-up cursor', { cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    ['a cursor with a page', { cursor: 'abc', page: '2' }, 'cursor'],
    ['an unknown filter', { colour: 'red' }, 'colour'],
  ])('refuses %s with 422 naming the field', async (_what, query, field) => {
    const response = await search('registrar', query);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });
});
