import { Workbook } from 'exceljs';
import { startTestApp, type TestApp } from '../support/harness';
import { testToken } from '../support/sign-in';

/**
 * 环比 and 同比 through the API against a hand-counted fixture across two years (2011 and the leap year
 * 2012, periods no other test touches), all of it on Qingshan County's 城关街道办事处 as the responsible unit
 * and asked for with `unit=chengguan-street-office`, so that no other test's cases count. Every case is
 * replied to, so none stays in anyone's backlog.
 */
let app: TestApp;
const UNIT = 'unit=chengguan-street-office';

interface FixtureCase {
  id: string;
  receivedOn: string;
  channel: string;
  firstTime?: boolean;
  ack: [due: string, on: string];
  handle: [due: string, on: string];
}

const CASES: FixtureCase[] = [
  // 2011Q1: 2 cases, both first-time; acceptance 1 of 2 in time (50.0 %); both replied on time.
  {
    id: 'XF-2011-800101',
    receivedOn: '2011-01-10',
    channel: 'online',
    ack: ['2011-01-27', '2011-01-20'],
    handle: ['2011-03-10', '2011-03-01'],
  },
  {
    id: 'XF-2011-800102',
    receivedOn: '2011-03-05',
    channel: 'letter',
    ack: ['2011-03-22', '2011-03-25'],
    handle: ['2011-05-05', '2011-04-10'],
  },
  // 2011Q4: 4 visits, all first-time, in time and on time.
  {
    id: 'XF-2011-800401',
    receivedOn: '2011-10-05',
    channel: 'visit',
    ack: ['2011-10-22', '2011-10-10'],
    handle: ['2011-12-05', '2011-11-20'],
  },
  {
    id: 'XF-2011-800402',
    receivedOn: '2011-10-20',
    channel: 'visit',
    ack: ['2011-11-06', '2011-10-25'],
    handle: ['2011-12-20', '2011-12-01'],
  },
  {
    id: 'XF-2011-800403',
    receivedOn: '2011-11-15',
    channel: 'visit',
    ack: ['2011-12-02', '2011-11-20'],
    handle: ['2012-01-15', '2011-12-20'],
  },
  {
    id: 'XF-2011-800404',
    receivedOn: '2011-12-01',
    channel: 'visit',
    ack: ['2011-12-18', '2011-12-10'],
    handle: ['2012-01-30', '2012-01-10'],
  },
  // 2012Q1: 3 cases (one on 29 February, a repeat, accepted late); acceptance 2 of 3 (66.7 %); all on time.
  {
    id: 'XF-2012-800101',
    receivedOn: '2012-01-05',
    channel: 'online',
    ack: ['2012-01-20', '2012-01-18'],
    handle: ['2012-03-05', '2012-03-01'],
  },
  {
    id: 'XF-2012-800102',
    receivedOn: '2012-02-29',
    channel: 'online',
    firstTime: false,
    ack: ['2012-03-15', '2012-03-20'],
    handle: ['2012-04-10', '2012-04-05'],
  },
  {
    id: 'XF-2012-800103',
    receivedOn: '2012-03-10',
    channel: 'visit',
    ack: ['2012-03-27', '2012-03-26'],
    handle: ['2012-04-12', '2012-04-12'],
  },
  // 2012Q3: 2 cases; 2012Q2 and 2011Q3 had none.
  {
    id: 'XF-2012-800301',
    receivedOn: '2012-08-08',
    channel: 'letter',
    ack: ['2012-08-25', '2012-08-20'],
    handle: ['2012-10-08', '2012-09-20'],
  },
  {
    id: 'XF-2012-800302',
    receivedOn: '2012-09-09',
    channel: 'online',
    ack: ['2012-09-26', '2012-09-25'],
    handle: ['2012-10-10', '2012-10-09'],
  },
];

async function seed(pool: TestApp['pool']): Promise<void> {
  for (const c of CASES) {
    await pool.query(
      `INSERT INTO petitions (id, bureau_unit_id, channel, category, domain, domain_category, classification_version,
                              received_on, rule_set_id, subject, description, petitioner, registered_by, status,
                              first_time, registration_level, last_sequence)
       VALUES ($1, 'qingshan-petition-bureau', $2, 'complaint', 'urban-construction.housing', 'urban-construction',
               'petitionflow-default@2026.1', $3, 'national-2022', 'fixture', 'fixture', '{"name":"-"}', 'registrar',
               'replied', $4, 'county', 1) ON CONFLICT (id) DO NOTHING`,
      [c.id, c.channel, c.receivedOn, c.firstTime ?? true],
    );
    await pool.query(
      `INSERT INTO report_cases (petition_id, received_on, bureau_unit_id, handling_unit_id, registration_level,
              channel, domain, domain_category, first_time, status, acknowledge_due, acknowledged_on, handle_due,
              handled_on, withdrawn, case_owned, evaluations_invited, evaluations_given, evaluations_satisfied)
       VALUES ($1, $2, 'qingshan-petition-bureau', 'chengguan-street-office', 'county', $3,
               'urban-construction.housing', 'urban-construction', $4, 'replied', $5, $6, $7, $8, false, false, 0, 0, 0)
       ON CONFLICT (petition_id) DO NOTHING`,
      [c.id, c.receivedOn, c.channel, c.firstTime ?? true, ...c.ack, ...c.handle],
    );
  }
}

beforeAll(async () => {
  app = await startTestApp('report-comparisons');
  await seed(app.pool);
});

afterAll(async () => {
  await app?.stop();
});

const get = async (path: string) => {
  const response = await app.request('supervisor', 'GET', path);
  if (response.status !== 200)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/** The CSV's lines (fetch's text() drops the byte order mark). */
const csvLines = async (path: string) => {
  const response = await fetch(`${app.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${await testToken('supervisor')}` },
  });
  expect(response.status).toBe(200);
  return (await response.text()).split('\r\n');
};

describe('the summary of 2012Q1 against 2011Q4 (环比) and 2011Q1 (同比), as of 2012-04-15', () => {
  const Q = `quarter=2012Q1&asOf=2012-04-15&${UNIT}`;

  it('keeps its figures as they were and adds the earlier reports and each figure compared', async () => {
    const summary = await get(`/api/reports/summary?${Q}`);
    expect(summary).toMatchObject({
      received: 3,
      firstTime: { count: 2, share: 66.7 },
      timelyAcceptance: { numerator: 2, denominator: 3, rate: 66.7 },
    });
    const { previousPeriod, previousYear, figures } = summary.comparisons;
    // Each earlier report taken 15 days after its period, as this one is.
    expect(previousPeriod).toEqual({
      period: { from: '2011-10-01', to: '2011-12-31', label: '2011Q4' },
      asOf: '2012-01-15',
    });
    expect(previousYear).toEqual({
      period: { from: '2011-01-01', to: '2011-03-31', label: '2011Q1' },
      asOf: '2011-04-15',
    });
    expect(figures.received).toEqual({
      value: 3,
      previousPeriod: { value: 4, changePercent: -25 },
      previousYear: { value: 2, changePercent: 50 },
    });
    expect(figures.firstTime.share).toEqual({
      value: 66.7,
      previousPeriod: { value: 100, changePoints: -33.3 },
      previousYear: { value: 100, changePoints: -33.3 },
    });
    // No repeat petition before: "no data", never a division by zero.
    expect(figures.repeat.count).toEqual({
      value: 1,
      previousPeriod: { value: 0, changePercent: null, noData: true },
      previousYear: { value: 0, changePercent: null, noData: true },
    });
    // Rates in percentage points; a rate with nothing due is "no data" on both sides.
    expect(figures.timelyAcceptance.rate).toEqual({
      value: 66.7,
      previousPeriod: { value: 100, changePoints: -33.3 },
      previousYear: { value: 50, changePoints: 16.7 },
    });
    expect(figures.onTimeCompletion.rate.previousYear).toEqual({ value: 100, changePoints: 0 });
    expect(figures.satisfaction.rate.previousYear).toEqual({ value: null, changePoints: null, noData: true });
    // As the cases stand now: marked, not compared.
    expect(figures.priority.majorUrgentOpen).toEqual({ value: 0, standsNow: true });
    expect(figures.resolution.carryOut.due).toEqual({ value: 0, standsNow: true });
    expect(figures.resolution.carryOut.carriedOut).toHaveProperty('previousYear');
  });

  it('gives the CSV the columns 上期, 上年同期, 环比(%), 同比(%) after its own, and how each change reads', async () => {
    const lines = await csvLines(`/api/reports/summary?${Q}&format=csv`);
    expect(lines[0]).toBe('指标,代码,数值,分子,分母,上期,上年同期,环比(%),同比(%),比较口径');
    expect(lines).toContain('受理信访事项(件),received,3,,,4,2,-25,50,百分比');
    expect(lines).toContain('及时受理率(%),timelyAcceptance,66.7,2,3,100,50,-33.3,16.7,百分点');
    expect(lines).toContain('重复信访(件),repeat,1,,,0,0,,,百分比；上期无数据；上年同期无数据');
    expect(lines).toContain('在办重大紧急信访事项(件),majorUrgentOpen,0,,,,,,,现状数，不比较');
  });

  it('gives the Excel workbook the same comparison columns, numbers as numbers', async () => {
    const response = await fetch(`${app.baseUrl}/api/reports/summary?${Q}&format=xlsx`, {
      headers: { authorization: `Bearer ${await testToken('supervisor')}` },
    });
    expect(response.status).toBe(200);
    const book = new Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.getWorksheet('主要指标')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const line = (figure: string) => rows.find((row) => row[1] === figure);
    expect(rows[0]).toEqual([
      '指标',
      '代码',
      '数值',
      '分子',
      '分母',
      '上期',
      '上年同期',
      '环比(%)',
      '同比(%)',
      '比较口径',
    ]);
    // Empty cells are left out of exceljs's row values (undefined); no earlier figure says 暂无数据.
    expect(line('received')).toEqual([
      '受理信访事项(件)',
      'received',
      3,
      undefined,
      undefined,
      4,
      2,
      -25,
      50,
      '百分比',
    ]);
    expect(line('timelyAcceptance')).toEqual([
      '及时受理率(%)',
      'timelyAcceptance',
      66.7,
      2,
      3,
      100,
      50,
      -33.3,
      16.7,
      '百分点',
    ]);
    expect(line('repeat')).toEqual([
      '重复信访(件)',
      'repeat',
      1,
      undefined,
      undefined,
      0,
      0,
      '暂无数据',
      '暂无数据',
      '百分比；上期无数据；上年同期无数据',
    ]);
    expect(line('majorUrgentOpen')).toEqual([
      '在办重大紧急信访事项(件)',
      'majorUrgentOpen',
      0,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      '现状数，不比较',
    ]);
    // A rate's earlier values have the rate's one decimal; a count's earlier values are whole numbers.
    const at = (figure: string) => sheet.getRow(rows.findIndex((row) => row[1] === figure) + 1);
    expect([6, 7, 8, 9].map((column) => at('timelyAcceptance').getCell(column).numFmt)).toEqual([
      '0.0',
      '0.0',
      '0.0',
      '0.0',
    ]);
    expect([6, 7, 8, 9].map((column) => at('received').getCell(column).numFmt)).toEqual([
      '#,##0',
      '#,##0',
      '0.0',
      '0.0',
    ]);
  });

  it('writes 同比 into the briefing paragraph', async () => {
    const { text } = await get(`/api/reports/briefing?${Q}`);
    expect(text).toBe(
      '2012年1月1日至3月31日，城关街道办事处受理信访事项3件，比去年同期上升50.0%，其中初信初访2件，占比66.7%，' +
        '重复信访1件，占比33.3%；从信访层级看，县级3件，占比100.0%；' +
        '从信访渠道看，网上信访2件，占比66.7%、来访1件，占比33.3%；从诉求领域看，城乡建设3件，占比100.0%；' +
        '从责任单位案件量看，数量排名前一的单位分别为城关街道办事处（3件）。' +
        '及时受理率66.7%，比去年同期提高16.7个百分点，按期办结率100.0%，与去年同期持平，参评率暂无数据，满意率暂无数据。',
    );
  });

  it('compares a split row by row: the channels', async () => {
    const channels = await get(`/api/reports/by-channel?${Q}`);
    const rows = channels.comparisons.figures.rows;
    expect(
      rows.map((r: any) => [r.key, r.count.previousPeriod.changePercent, r.count.previousYear.changePercent]),
    ).toEqual([
      ['online', null, 100],
      ['visit', -75, null],
      ['letter', null, -100],
      ['other', null, null],
    ]);
    expect(rows[0].share).toEqual({
      value: 66.7,
      previousPeriod: { value: 0, changePoints: 66.7 },
      previousYear: { value: 50, changePoints: 16.7 },
    });
    const lines = await csvLines(`/api/reports/by-channel?${Q}&format=csv`);
    expect(lines.slice(0, 3)).toEqual([
      '项目,代码,件数,占比(%),上期,上年同期,环比(%),同比(%),比较口径',
      '网上信访,online,2,66.7,0,1,,100,百分比；上期无数据',
      '来访,visit,1,33.3,4,0,-75,,百分比；上年同期无数据',
    ]);
  });
});

describe('a period whose earlier periods had no cases, and a period still running', () => {
  it('answers "no data" for 2012Q3 against the empty 2012Q2 and 2011Q3', async () => {
    const summary = await get(`/api/reports/summary?quarter=2012Q3&asOf=2012-10-15&${UNIT}`);
    expect(summary.received).toBe(2);
    expect(summary.comparisons.figures.received).toEqual({
      value: 2,
      previousPeriod: { value: 0, changePercent: null, noData: true },
      previousYear: { value: 0, changePercent: null, noData: true },
    });
    expect(summary.comparisons.figures.timelyAcceptance.rate.previousYear).toEqual({
      value: null,
      changePoints: null,
      noData: true,
    });
    const { text } = await get(`/api/reports/briefing?quarter=2012Q3&asOf=2012-10-15&${UNIT}`);
    expect(text).not.toContain('去年同期');
  });

  it('compares 2012Q1 as of 29 February with 2011 up to 28 February', async () => {
    const summary = await get(`/api/reports/summary?quarter=2012Q1&asOf=2012-02-29&${UNIT}`);
    expect(summary.comparisons.previousYear).toEqual({
      period: { from: '2011-01-01', to: '2011-02-28', label: '2011-01-01–2011-02-28' },
      asOf: '2011-02-28',
    });
    // Of 2011Q1's two cases, the one of 5 March was not yet received by then.
    expect(summary.comparisons.figures.received.previousYear.value).toBe(1);
  });
});
