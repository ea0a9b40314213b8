import { displayWidth, formatReport, formatTable } from '../../../src/cli/report-format';
import { reportCsv, type ReportEnvelope } from '../../../src/domain/reports/catalogue';
import { SummaryReportExample } from '../../../src/domain/contract/reports';

const frame = {
  period: { from: '2026-07-01', to: '2026-09-30', label: '2026Q3' },
  scope: { unitId: 'qingshan-petition-bureau', name: '青山县信访局', level: 'county' },
  asOf: '2026-10-08',
};

const rate = (rate: number | null, numerator: number, denominator: number) => ({
  rate,
  numerator,
  denominator,
});

const summary: ReportEnvelope = {
  report: 'summary',
  ...frame,
  received: 120,
  firstTime: { count: 90, share: 75 },
  repeat: { count: 30, share: 25 },
  transferredOut: 4,
  timelyAcceptance: rate(96.4, 107, 111),
  onTimeCompletion: rate(91.2, 62, 68),
  participation: rate(55, 44, 80),
  satisfaction: rate(null, 0, 0),
  backlog: { atStart: 9, atEnd: 6, cleared: 5, clearanceRate: rate(55.6, 5, 9) },
  caseOwned: { count: 12, onTimeCompletion: rate(100, 8, 8) },
  supervision: {
    notices: 7,
    escalations: 2,
    listed: 1,
    bySource: { automatic: 4, manual: 1, jointConference: 1, higherBureau: 1 },
  },
  priority: { majorUrgentOpen: 1, firstLevelOpen: 2, secondLevelOpen: 3, majorUrgentCases: [] },
  resolution: {
    resolved: 40,
    educated: 18,
    aided: 5,
    lawfullyHandled: 1,
    agreements: 6,
    stoppedPetitioning: 52,
    carryOut: { carriedOut: 21, due: 4, overdue: 1 },
  },
  aftercare: {
    returnVisits: { count: 5, satisfied: 3, basicallySatisfied: 1, dissatisfied: 1, unreached: 0 },
    evaluations: { satisfied: 4, basicallySatisfied: 0, dissatisfied: 1 },
    followUps: { opened: 2, closed: 1, overdue: 0 },
  },
  visits: SummaryReportExample.visits,
  screening: {
    rounds: { held: 13, concentrated: 4, focused: 9 },
    disputes: {
      found: 79,
      mediated: 41,
      resolved: 27,
      becamePetitions: 3,
      open: 8,
      openByRisk: { high: 1, medium: 3, low: 4 },
    },
    resolutionRate: rate(86.1, 68, 79),
  },
};

describe('displayWidth', () => {
  it('counts CJK characters and full-width forms as two columns, ASCII as one, marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('青山县信访局')).toBe(12);
    expect(displayWidth('占比(%)')).toBe(7);
    expect(displayWidth('（件）')).toBe(6);
    expect(displayWidth('、。')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('𠀀')).toBe(2);
  });
});

describe('formatTable', () => {
  it('aligns columns by display width: text to the left, numbers to the right', () => {
    const table = formatTable(
      ['单位', '件数', '占比(%)'],
      [
        ['青山县住房和城乡建设局', '7', '58.3'],
        ['hr', '12', '100.0'],
      ],
    );
    expect(table.split('\n')).toEqual([
      '单位                    件数  占比(%)',
      '----------------------  ----  -------',
      '青山县住房和城乡建设局     7     58.3',
      'hr                        12    100.0',
    ]);
  });

  it('leaves no trailing spaces when the last column is text', () => {
    const table = formatTable(
      ['代码', '名称'],
      [
        ['a', '青山'],
        ['bbbb', 'x'],
      ],
    );
    for (const line of table.split('\n')) expect(line).toBe(line.trimEnd());
    expect(table.split('\n')[3]).toBe('bbbb  x');
  });
});

describe('formatReport', () => {
  it('heads the summary with what it shows and lists every figure, "-" for no data', () => {
    const lines = formatReport(summary).split('\n');
    expect(lines[0]).toBe(
      '主要指标（summary）  青山县信访局（qingshan-petition-bureau）  2026Q3：2026-07-01 至 2026-09-30  截至 2026-10-08',
    );
    const figure = (code: string) =>
      lines
        .find((line) => line.includes(` ${code} `) || line.endsWith(` ${code}`))!
        .trim()
        .split(/\s{2,}/);
    expect(figure('received')).toEqual(['受理信访事项(件)', 'received', '120']);
    expect(figure('timelyAcceptance')).toEqual(['及时受理率(%)', 'timelyAcceptance', '96.4', '107', '111']);
    expect(figure('satisfaction')).toEqual(['满意率(%)', 'satisfaction', '-', '0', '0']);
    expect(figure('returnVisitsDissatisfied')).toEqual(['回访不满意(次)', 'returnVisitsDissatisfied', '1']);
    expect(figure('followUpsOpened')).toEqual(['跟踪回访(开启)(件)', 'followUpsOpened', '2']);
    expect(figure('beijingBatches')).toEqual(['进京批次(批)', 'beijingBatches', '2']);
    // Every row is as wide as the rule under the header, whatever its characters.
    const ruleWidth = displayWidth(lines[2]!);
    expect(lines.slice(3).every((line) => displayWidth(line) <= ruleWidth)).toBe(true);
    expect(displayWidth(lines.find((line) => line.includes('timelyAcceptance'))!)).toBe(ruleWidth);
  });

  it('prints the briefing as its text', () => {
    const text = '2026年7月1日至9月30日，青山县信访局受理信访事项0件。';
    expect(formatReport({ report: 'briefing', ...frame, text }).split('\n')).toEqual([
      expect.stringMatching(/^信访形势分析（briefing）/),
      text,
    ]);
  });

  it('says so when a table has no rows', () => {
    expect(formatReport({ report: 'by-unit', ...frame, rows: [] }).split('\n')[1]).toBe('（无）');
  });
});

describe('reportCsv', () => {
  it('is the API’s CSV: byte order mark, the catalogue’s columns, CRLF line ends, empty cells for no data', () => {
    const csv = reportCsv(summary)!;
    expect(csv.startsWith('\uFEFF指标,代码,数值,分子,分母\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toContain('受理信访事项(件),received,120,,');
    expect(lines).toContain('及时受理率(%),timelyAcceptance,96.4,107,111');
    expect(lines).toContain('满意率(%),satisfaction,,0,0');
    // Supervision by source (S33): the parts of 督办, each once.
    expect(lines).toContain('督办·逾期自动督办(件),noticesAutomatic,4,,');
    // 矛盾纠纷排查 (S41): seed 004's figures.
    expect(lines).toContain('排查出矛盾纠纷(起),disputesFound,79,,');
    expect(lines).toContain('排查纠纷化解率(%),screeningResolutionRate,86.1,68,79');
    expect(lines).toContain('督办·本级督办交办(件),noticesManual,1,,');
    expect(lines).toContain('督办·联席会议交办(件),noticesJointConference,1,,');
    expect(lines).toContain('督办·上级交办(件),noticesHigherBureau,1,,');
    // The visit register (issue 23): 批次 and 人次, 越级访, and the leaders' acts.
    expect(lines).toContain('来访人次(人次),visitsPersons,1602,,');
    expect(lines).toContain('党政领导下访人次(人次),downVisitLeaders,75,,');
    expect(lines.at(-1)).toBe('');
  });

  it('has none for the briefing, which is text', () => {
    expect(reportCsv({ report: 'briefing', ...frame, text: '…' })).toBeUndefined();
  });
});
