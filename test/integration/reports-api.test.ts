import { testToken } from '../support/sign-in';
import { startTestApp, type TestApp, validRegistration } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';

/**
 * The published figures against a hand-counted fixture: report rows written straight into the read model
 * for 2025Q3 (a period no other test touches), in the demo organisation's Qingshan County, and one case of
 * Yunzhou City outside it. The counts are worked out in the comments beside each case.
 */
let app: TestApp;
const Q = 'quarter=2025Q3&asOf=2025-10-15';

interface FixtureCase {
  id: string;
  bureau?: string;
  unit: string | null;
  receivedOn: string;
  firstTime?: boolean;
  channel: string;
  domain: string;
  level: string;
  ackDue?: string;
  ackOn?: string;
  handleDue?: string;
  handledOn?: string;
  withdrawn?: boolean;
  owned?: boolean;
  ownerTarget?: string;
  evaluations?: [number, number, number];
}

const CASES: FixtureCase[] = [
  // A: acceptance notice 2 days early; replied ON its due date → on time; 2 evaluations, 1 satisfied.
  {
    id: 'XF-2025-900001',
    unit: 'qingshan-housing',
    receivedOn: '2025-07-03',
    channel: 'online',
    domain: 'urban-construction.land-expropriation',
    level: 'county',
    ackDue: '2025-07-20',
    ackOn: '2025-07-18',
    handleDue: '2025-09-15',
    handledOn: '2025-09-15',
    evaluations: [2, 2, 1],
  },
  // B: a repeat petition; acceptance late; reply 5 days after its (extended) due date; invited once, silent.
  {
    id: 'XF-2025-900002',
    unit: 'qingshan-housing',
    receivedOn: '2025-07-08',
    firstTime: false,
    channel: 'visit',
    domain: 'urban-construction.land-expropriation',
    level: 'county',
    ackDue: '2025-07-25',
    ackOn: '2025-07-28',
    handleDue: '2025-09-20',
    handledOn: '2025-09-25',
    evaluations: [1, 0, 0],
  },
  // C: acceptance on its due date (timely); D5 extended past the as-of date: not yet due, not counted.
  {
    id: 'XF-2025-900003',
    unit: 'qingshan-hr',
    receivedOn: '2025-07-15',
    channel: 'letter',
    domain: 'labour-and-social-security.migrant-worker-wages',
    level: 'county',
    ackDue: '2025-08-01',
    ackOn: '2025-08-01',
    handleDue: '2025-10-20',
  },
  // D: came down from the province (level), by telephone (other); withdrawn: not in completion nor backlog.
  {
    id: 'XF-2025-900004',
    unit: 'qingshan-hr',
    receivedOn: '2025-07-20',
    channel: 'phone',
    domain: 'labour-and-social-security',
    level: 'province',
    ackDue: '2025-08-05',
    ackOn: '2025-08-03',
    handleDue: '2025-09-01',
    withdrawn: true,
  },
  // E: city level, case-owned; D5 due on the period's last day and unmet: missed by the as-of date, but not
  // yet backlog at the period's end (a limit is met on time through its due date).
  {
    id: 'XF-2025-900005',
    unit: 'qingshan-housing',
    receivedOn: '2025-07-25',
    channel: 'online',
    domain: 'urban-construction',
    level: 'city',
    ackDue: '2025-08-10',
    ackOn: '2025-08-09',
    handleDue: '2025-09-30',
    owned: true,
    // The leader's target date passed unsettled: the 包案 on-time rate counts it missed.
    ownerTarget: '2025-09-20',
  },
  // F: still with the bureau (no D2 yet): counted for the bureau in the ranking.
  {
    id: 'XF-2025-900006',
    unit: null,
    receivedOn: '2025-09-28',
    channel: 'online',
    domain: 'political-and-legal.litigation-related',
    level: 'county',
  },
  // G: received before the period, past D5 at its start, replied in it: backlog cleared.
  {
    id: 'XF-2025-900007',
    unit: 'qingshan-housing',
    receivedOn: '2025-03-01',
    channel: 'letter',
    domain: 'urban-construction.housing',
    level: 'county',
    handleDue: '2025-06-20',
    handledOn: '2025-08-10',
  },
  // H: received before the period, never replied: backlog at start and end.
  {
    id: 'XF-2025-900008',
    unit: 'qingshan-hr',
    receivedOn: '2025-04-01',
    channel: 'letter',
    domain: 'labour-and-social-security',
    level: 'county',
    handleDue: '2025-06-25',
  },
  // I: Yunzhou City's: outside the county, inside the city.
  {
    id: 'XF-2025-900009',
    bureau: 'yunzhou-petition-bureau',
    unit: 'yunzhou-housing',
    receivedOn: '2025-08-01',
    channel: 'online',
    domain: 'urban-construction.housing',
    level: 'city',
  },
];

/** Rows as the event writer leaves them (`last_sequence` > 0: not a registration the reconciler would take). */
async function seed(pool: TestApp['pool']): Promise<void> {
  for (const c of CASES) {
    const bureau = c.bureau ?? 'qingshan-petition-bureau';
    await pool.query(
      `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, domain_category, classification_version,
                              received_on, rule_set_id, subject, description, petitioner, registered_by, status,
                              first_time, registration_level, last_sequence)
       VALUES ($1, $2, $3, 'complaint', $4, split_part($4, '.', 1), 'petitionflow-default@2026.1', $5, 'national-2022',
               'fixture', 'fixture', '{"name":"-"}', 'registrar', 'accepted', $6, $7, 1) ON CONFLICT (id) DO NOTHING`,
      [c.id, bureau, c.channel, c.domain, c.receivedOn, c.firstTime ?? true, c.level],
    );
    const [invited, given, satisfied] = c.evaluations ?? [0, 0, 0];
    await pool.query(
      `INSERT INTO report_cases (petition_id, received_on, bureau_unit_id, handling_unit_id, registration_level,
              channel, domain, domain_category, first_time, status, acknowledge_due, acknowledged_on, handle_due,
              handled_on, withdrawn, case_owned, evaluations_invited, evaluations_given, evaluations_satisfied,
              owner_target_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, split_part($7, '.', 1), $8, 'accepted', $9, $10, $11, $12, $13, $14, $15,
               $16, $17, $18)
       ON CONFLICT (petition_id) DO NOTHING`,
      [
        c.id,
        c.receivedOn,
        bureau,
        c.unit,
        c.level,
        c.channel,
        c.domain,
        c.firstTime ?? true,
        c.ackDue ?? null,
        c.ackOn ?? null,
        c.handleDue ?? null,
        c.handledOn ?? null,
        c.withdrawn ?? false,
        c.owned ?? false,
        invited,
        given,
        satisfied,
        c.ownerTarget ?? null,
      ],
    );
  }
  // B's unit got a notice and went to the office in the period; H was listed in it (notice and escalation before).
  await pool.query(
    `INSERT INTO supervision_items (id, petition_id, item_id, deadline_key, unit_id, level, status, notice_on,
                                    escalated_on, listed_on)
     VALUES ('XF-2025-900002.acknowledge-1', 'XF-2025-900002', 'acknowledge-1', 'acknowledge', 'qingshan-housing',
             'office', 'resolved', '2025-07-26', '2025-08-05', NULL),
            ('XF-2025-900008.handle-1', 'XF-2025-900008', 'handle-1', 'handle', 'qingshan-hr', 'listed', 'open',
             '2025-06-26', '2025-06-30', '2025-07-10')
     ON CONFLICT (id) DO NOTHING`,
  );
}

beforeAll(async () => {
  app = await startTestApp('reports-api');
  await seed(app.pool);
});

afterAll(async () => {
  await app?.stop();
});

const get = async (login: string, path: string, headers: Record<string, string> = {}) => {
  const response = await app.request(login, 'GET', path, undefined, headers);
  if (response.status !== 200)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

describe('the county bureau’s figures for 2025Q3, as of 2025-10-15', () => {
  it('counts the cases, first-time and repeat, and the four rates as hand-counted', async () => {
    const summary = await get('supervisor', `/api/reports/summary?${Q}`);
    expect(summary).toMatchObject({
      report: 'summary',
      period: { from: '2025-07-01', to: '2025-09-30', label: '2025Q3' },
      scope: { unitId: 'qingshan-petition-bureau', name: '青山县信访局', level: 'county' },
      asOf: '2025-10-15',
      received: 6, // A–F
      firstTime: { count: 5, share: 83.3 },
      repeat: { count: 1, share: 16.7 }, // B, once
      timelyAcceptance: { numerator: 4, denominator: 5, rate: 80 }, // A, C (on the due date), D, E; B late
      onTimeCompletion: { numerator: 1, denominator: 3, rate: 33.3 }, // A of A, B, E; C not due; D withdrawn
      participation: { numerator: 2, denominator: 3, rate: 66.7 },
      satisfaction: { numerator: 1, denominator: 2, rate: 50 },
      backlog: { atStart: 2, atEnd: 1, cleared: 1, clearanceRate: { rate: 50 } }, // G, H → H; G cleared
      caseOwned: { count: 1, onTimeCompletion: { numerator: 0, denominator: 1, rate: 0 } },
      supervision: { notices: 1, escalations: 1, listed: 1 },
    });
  });

  it('splits by level, channel and domain with shares that add up to 100.0', async () => {
    const levels = await get('supervisor', `/api/reports/by-level?${Q}`);
    expect(levels.rows.map((r: any) => [r.key, r.label, r.count, r.share])).toEqual([
      ['national', '国家级', 0, 0],
      ['province', '省级', 1, 16.7],
      ['city', '市级', 1, 16.6],
      ['county', '县级', 4, 66.7],
    ]);
    const channels = await get('supervisor', `/api/reports/by-channel?${Q}`);
    expect(channels.rows.map((r: any) => [r.key, r.count, r.share])).toEqual([
      ['online', 3, 50],
      ['visit', 1, 16.7],
      ['letter', 1, 16.7],
      ['other', 1, 16.6], // the telephone
    ]);
    const domains = await get('supervisor', `/api/reports/by-domain?${Q}`);
    // By category (the default): the categories of the classification file, zeros too, largest first.
    expect(domains).toMatchObject({ groupBy: 'category', classification: 'petitionflow-default@2026.1' });
    expect(domains.rows.slice(0, 4).map((r: any) => [r.key, r.label, r.count, r.share])).toEqual([
      ['urban-construction', '城乡建设', 3, 50], // A, B (征地拆迁), E (城乡建设 alone)
      ['labour-and-social-security', '劳动和社会保障', 2, 33.3],
      ['political-and-legal', '政法', 1, 16.7], // F (涉法涉诉)
      ['agriculture', '农村农业（三农）', 0, 0],
    ]);
    for (const split of [levels, channels, domains]) {
      expect(split.rows.reduce((sum: number, r: any) => sum + r.share * 10, 0)).toBe(1000);
    }
  });

  it('splits by sub-category on request, a category registered alone counted as 「…（未细分）」', async () => {
    const subs = await get('supervisor', `/api/reports/by-domain?${Q}&groupBy=subcategory`);
    expect(subs).toMatchObject({ groupBy: 'subcategory', total: 6 });
    expect(subs.rows.slice(0, 5).map((r: any) => [r.key, r.label, r.category, r.count])).toEqual([
      ['urban-construction.land-expropriation', '征地拆迁', 'urban-construction', 2], // A, B
      ['labour-and-social-security.migrant-worker-wages', '拖欠农民工工资', 'labour-and-social-security', 1],
      ['political-and-legal.litigation-related', '涉法涉诉', 'political-and-legal', 1],
      ['labour-and-social-security', '劳动和社会保障（未细分）', 'labour-and-social-security', 1], // D
      ['urban-construction', '城乡建设（未细分）', 'urban-construction', 1], // E
    ]);
    // Every sub-category of the file is listed, zeros too; a category without any stands for itself.
    const keys = subs.rows.map((r: any) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['urban-construction.house-demolition', 'cadre-conduct']));
    expect(keys).not.toContain('political-and-legal');
    expect(subs.rows.reduce((sum: number, r: any) => sum + r.share * 10, 0)).toBe(1000);
    const csv = await fetch(`${app.baseUrl}/api/reports/by-domain?${Q}&groupBy=subcategory&format=csv`, {
      headers: { authorization: await authHeader('supervisor') },
    });
    // The columns of the comparisons (环比 / 同比) follow the table's own: report-comparisons.test.ts.
    const [header, first] = (await csv.text()).split('\r\n');
    expect(header).toMatch(/^项目,代码,件数,占比\(%\),上期,/);
    expect(first).toMatch(/^征地拆迁,urban-construction\.land-expropriation,2,33\.3,/);
  });

  it('refuses a groupBy that is not a level, or on a report that does not group by subject matter', async () => {
    for (const [path, message] of [
      [`/api/reports/by-domain?${Q}&groupBy=township`, /groupBy/],
      [`/api/reports/by-unit?${Q}&groupBy=subcategory`, /groupBy: applies to the by-domain report only/],
    ] as const) {
      const response = await app.request('supervisor', 'GET', path);
      expect([response.status, response.body.error.code]).toEqual([422, 'validation_failed']);
      expect(response.body.error.details.fields[0].path).toBe('groupBy');
      expect(response.body.error.message).toMatch(message);
    }
  });

  it('ranks the units, with their on-time rate ("no data" when nothing was due) and overdue count', async () => {
    const { rows } = await get('supervisor', `/api/reports/by-unit?${Q}`);
    expect(rows.map((r: any) => [r.rank, r.name, r.count, r.onTimeCompletion.rate, r.overdue])).toEqual([
      [1, '青山县住房和城乡建设局', 3, 33.3, 0],
      [2, '青山县人力资源和社会保障局', 2, null, 0],
      [3, '青山县信访局', 1, null, 0],
    ]);
  });

  it('lists the backlog, the supervision per unit and the months', async () => {
    const backlog = await get('supervisor', `/api/reports/backlog?${Q}`);
    expect(backlog.cases).toEqual([
      {
        petitionId: 'XF-2025-900008',
        unitId: 'qingshan-hr',
        unitName: '青山县人力资源和社会保障局',
        handleDue: '2025-06-25',
        daysOverdue: 97,
      },
    ]);
    const supervision = await get('supervisor', `/api/reports/supervision?${Q}`);
    expect(supervision.rows).toEqual([
      { unitId: 'qingshan-housing', name: '青山县住房和城乡建设局', notices: 1, escalations: 1, listed: 0 },
      { unitId: 'qingshan-hr', name: '青山县人力资源和社会保障局', notices: 0, escalations: 0, listed: 1 },
    ]);
    const months = await get('supervisor', `/api/reports/by-month?${Q}`);
    expect(months.rows.map((r: any) => [r.month, r.received])).toEqual([
      ['2025-07', 5],
      ['2025-09', 1],
    ]);
  });

  it('writes the briefing paragraph from the same figures', async () => {
    const { text } = await get('supervisor', `/api/reports/briefing?${Q}`);
    const cases =
      '2025年7月1日至9月30日，青山县信访局受理信访事项6件，其中初信初访5件，占比83.3%，重复信访1件，占比16.7%；' +
      '从信访层级看，省级1件，占比16.7%、市级1件，占比16.6%、县级4件，占比66.7%；' +
      '从信访渠道看，网上信访3件，占比50.0%、来访1件，占比16.7%、来信1件，占比16.7%、其他渠道1件，占比16.6%；' +
      '从诉求领域看，城乡建设3件，占比50.0%、劳动和社会保障2件，占比33.3%、政法1件，占比16.7%；' +
      '从责任单位案件量看，数量排名前三的单位分别为青山县住房和城乡建设局（3件）、青山县人力资源和社会保障局（2件）、青山县信访局（1件）。' +
      '及时受理率80.0%，按期办结率33.3%，参评率66.7%，满意率50.0%。';
    expect(text.slice(0, cases.length)).toBe(cases);
    // The registers' sentences follow, if any: other files share the database, and one of them records a
    // screening round in July 2025 (screening-api); their wording is the unit tests' (briefing.test.ts).
    expect(text.slice(cases.length)).toMatch(/^(从(来访情况|领导接访|矛盾纠纷排查|积案化解)看，[^。]+。)*$/);
  });
});

describe('scope', () => {
  it('gives a city bureau the city and its counties, a department its subtree, and refuses a unit outside', async () => {
    await app.pool.query(
      `INSERT INTO users (login, display_name, unit_id, roles)
       VALUES ('city-bureau', 'Yunzhou bureau (report test)', 'yunzhou-petition-bureau', '{supervisor}')
       ON CONFLICT (login) DO NOTHING`,
    );
    const city = await get('city-bureau', `/api/reports/summary?${Q}`);
    expect([city.scope.name, city.received]).toEqual(['云州市信访局', 7]); // A–F and I
    const county = await get('city-bureau', `/api/reports/summary?${Q}&unit=qingshan-petition-bureau`);
    expect(county.received).toBe(6);
    const department = await get('handler', `/api/reports/summary?${Q}`);
    expect([department.scope.unitId, department.received]).toEqual(['qingshan-housing', 3]); // A, B, E
    // The city's housing bureau: itself (I) and the county's below it (A, B, E).
    const cityDepartment = await get('city-head', `/api/reports/summary?${Q}`);
    expect(cityDepartment.received).toBe(4);
    const outside = await app.request(
      'supervisor',
      'GET',
      `/api/reports/summary?${Q}&unit=yunzhou-petition-bureau`,
    );
    expect([outside.status, outside.body.error.code]).toEqual([403, 'forbidden']);
    const sideways = await app.request('handler', 'GET', `/api/reports/summary?${Q}&unit=qingshan-hr`);
    expect(sideways.status).toBe(403);
    const narrowed = await get('supervisor', `/api/reports/summary?${Q}&unit=qingshan-hr`);
    expect([narrowed.scope.name, narrowed.received]).toEqual(['青山县人力资源和社会保障局', 2]);
  });

  it('answers a bad period with 422 and the field', async () => {
    for (const [query, field] of [
      ['quarter=2025Q5', 'quarter'],
      ['quarter=2025Q1&year=2025', 'quarter'],
      ['from=2025-07-01', 'to'],
      ['from=2025-09-01&to=2025-08-01', 'to'],
      ['asOf=yesterday', 'asOf'],
    ]) {
      const response = await app.request('supervisor', 'GET', `/api/reports/summary?${query}`);
      expect([query, response.status, response.body.error.details.fields[0].path]).toEqual([
        query,
        422,
        field,
      ]);
    }
  });
});

describe('CSV', () => {
  it('is UTF-8 with a byte order mark, Chinese headers, CRLF rows; by Accept or format', async () => {
    const byAccept = await fetch(`${app.baseUrl}/api/reports/by-unit?${Q}`, {
      headers: { authorization: await authHeader('supervisor'), accept: 'text/csv' },
    });
    expect(byAccept.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(byAccept.headers.get('content-disposition')).toBe(
      'attachment; filename="by-unit-qingshan-petition-bureau-2025Q3.csv"',
    );
    const bytes = new Uint8Array(await byAccept.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    // The table's own columns first; the comparisons' (上期, 上年同期, 环比, 同比) after them.
    const [header, first, second] = text.split('\r\n');
    expect(header).toMatch(/^\uFEFF排名,责任单位,单位代码,件数,占比\(%\),按期办结率\(%\),逾期件数,上期,/);
    expect(first).toMatch(/^1,青山县住房和城乡建设局,qingshan-housing,3,50\.0,33\.3,0,/);
    expect(second).toMatch(/^2,青山县人力资源和社会保障局,qingshan-hr,2,33\.3,,0,/);
    const byFormat = await fetch(`${app.baseUrl}/api/reports/summary?${Q}&format=csv`, {
      headers: { authorization: await authHeader('supervisor') },
    });
    // fetch's text() drops the byte order mark.
    const summary = (await byFormat.text()).split('\r\n');
    expect(summary[0]).toMatch(/^指标,代码,数值,分子,分母,上期,/);
    expect(summary.some((line) => line.startsWith('按期办结率(%),onTimeCompletion,33.3,1,3,'))).toBe(true);
    const briefing = await app.request('supervisor', 'GET', `/api/reports/briefing?${Q}&format=csv`);
    expect([briefing.status, briefing.body.error.code]).toEqual([406, 'not_acceptable']);
  });
});

describe('from the workflows', () => {
  it('gets a report row for a case driven through the API, kept in step with its events', async () => {
    const flow = new PetitionFlow(app);
    const id = await flow.accepted({ originLevel: 'province' });
    const { rows } = await app.pool.query(
      `SELECT registration_level, status, handling_unit_id, acknowledge_due IS NOT NULL AS ack,
              acknowledged_on IS NOT NULL AS acked, handle_due IS NOT NULL AS due
         FROM report_cases WHERE petition_id = $1`,
      [id],
    );
    expect(rows).toEqual([
      {
        registration_level: 'province',
        status: 'accepted',
        handling_unit_id: 'qingshan-housing',
        ack: true,
        acked: true,
        due: true,
      },
    ]);
    const upwards = await app.request('registrar', 'POST', '/api/petitions', {
      ...validRegistration(),
      originLevel: 'county',
    });
    expect([upwards.status, upwards.body.error.details.fields[0].path]).toEqual([422, 'originLevel']);
  });
});

async function authHeader(login: string): Promise<string> {
  return `Bearer ${await testToken(login)}`;
}
