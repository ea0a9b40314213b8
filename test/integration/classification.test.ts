import { defaultClassification, parseClassification } from '../../src/domain/classification';
import { shanghaiToday, startTestApp, type TestApp, validRegistration } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';

/** Subject matters as data: registration by code, the code kept for good, repeats by category. */
let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('classification-tests');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

const idNumber = () => `11010519500101${String(Math.floor(Math.random() * 9000) + 1000)}`;

async function stored(id: string) {
  const { rows } = await app.pool.query(
    `SELECT p.domain, p.domain_category, p.classification_version, r.domain AS report_domain,
            r.domain_category AS report_category
       FROM petitions p LEFT JOIN report_cases r ON r.petition_id = p.id WHERE p.id = $1`,
    [id],
  );
  return rows[0];
}

describe('registration names a subject matter of the classification in force', () => {
  it('takes a sub-category and keeps it with its category and the file’s version', async () => {
    const id = await flow.register({ domain: 'political-and-legal.litigation-related' });
    expect(await flow.get('registrar', id)).toMatchObject({
      domain: 'political-and-legal.litigation-related',
      domainCategory: 'political-and-legal',
      classificationVersion: 'petitionflow-default@2026.1',
    });
    expect(await stored(id)).toEqual({
      domain: 'political-and-legal.litigation-related',
      domain_category: 'political-and-legal',
      classification_version: 'petitionflow-default@2026.1',
      report_domain: 'political-and-legal.litigation-related',
      report_category: 'political-and-legal',
    });
  });

  it('takes a category alone, when the matter is not known more finely at intake', async () => {
    const id = await flow.register({ domain: 'cadre-conduct' });
    expect(await stored(id)).toMatchObject({ domain: 'cadre-conduct', domain_category: 'cadre-conduct' });
  });

  it.each([
    ['an unknown code', 'no-such-matter', /unknown subject-matter code 'no-such-matter'/],
    ['a former code of the 12', 'housing', /unknown subject-matter code 'housing'/],
    ['a malformed code', 'Urban Construction', /must be a subject-matter code/],
  ])('refuses %s with 422 naming the field, and registers nothing', async (_what, domain, message) => {
    const subject = `classification refused ${domain} ${Date.now()}`;
    const response = await app.request('registrar', 'POST', '/api/petitions', {
      ...validRegistration(),
      subject,
      domain,
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details.fields[0].path).toBe('domain');
    expect(response.body.error.message).toMatch(message);
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM petitions WHERE subject = $1', [
      subject,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('lists the codes at GET /api/classification', async () => {
    const response = await app.request('handler', 'GET', '/api/classification');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(defaultClassification().toJSON());
    expect((await app.request(undefined, 'GET', '/api/classification')).status).toBe(401);
  });
});

describe('repeat petitions (重复信访) are matched on the category', () => {
  it('links a repeat classified under another sub-category of the same category, not one of another', async () => {
    const person = idNumber();
    const first = await flow.register({
      petitioner: { name: '钱七', idNumber: person },
      domain: 'urban-construction.land-expropriation',
    });
    const again = await flow.register({
      petitioner: { name: '钱七', idNumber: person },
      domain: 'urban-construction.house-demolition',
    });
    expect((await flow.get('registrar', again)).links.repeatOf).toBe(first);
    const categoryOnly = await flow.register({
      petitioner: { name: '钱七', idNumber: person },
      domain: 'urban-construction',
    });
    expect((await flow.get('registrar', categoryOnly)).flags).toMatchObject({
      firstTime: false,
      repeat: true,
    });
    const otherMatter = await flow.register({
      petitioner: { name: '钱七', idNumber: person },
      domain: 'health.medical-disputes',
    });
    expect((await flow.get('registrar', otherMatter)).flags).toMatchObject({
      firstTime: true,
      repeat: false,
    });
  });
});

describe('a later classification file', () => {
  it('never changes a registered case: it keeps its code, and the reports still name it', async () => {
    const receivedOn = '2026-01-05';
    const id = await flow.register({ domain: 'urban-construction.property-delivery', receivedOn });
    const base = defaultClassification().toJSON();
    // Version 2027.1 retires 房地产交房办证 and adds a sub-category in its place.
    const later = parseClassification({
      ...base,
      version: '2027.1',
      categories: base.categories.map((c) =>
        c.code !== 'urban-construction'
          ? c
          : {
              ...c,
              subcategories: [
                ...(c.subcategories ?? []).map((s) =>
                  s.code === 'urban-construction.property-delivery' ? { ...s, retired: true } : s,
                ),
                { code: 'urban-construction.pre-sale-funds', name: '预售资金监管' },
              ],
            },
      ),
    });
    const laterApp = await startTestApp('classification-later', { classification: later });
    try {
      const detail = await laterApp.request('registrar', 'GET', `/api/petitions/${id}`);
      expect(detail.body).toMatchObject({
        domain: 'urban-construction.property-delivery',
        classificationVersion: 'petitionflow-default@2026.1',
      });
      const refused = await laterApp.request('registrar', 'POST', '/api/petitions', {
        ...validRegistration(shanghaiToday()),
        domain: 'urban-construction.property-delivery',
      });
      expect([refused.status, refused.body.error.details.fields[0].path]).toEqual([422, 'domain']);
      expect(refused.body.error.message).toMatch(/retired \(classification petitionflow-default@2027\.1/);
      const report = await laterApp.request(
        'supervisor',
        'GET',
        `/api/reports/by-domain?from=${receivedOn}&to=${receivedOn}&groupBy=subcategory`,
      );
      expect(report.body.classification).toBe('petitionflow-default@2027.1');
      expect(report.body.rows).toContainEqual(
        expect.objectContaining({
          key: 'urban-construction.property-delivery',
          label: '房地产交房办证',
          category: 'urban-construction',
          count: expect.any(Number),
        }),
      );
      expect(report.body.rows.map((r: { key: string }) => r.key)).toContain(
        'urban-construction.pre-sale-funds',
      );
    } finally {
      await laterApp.stop();
    }
  });
});
