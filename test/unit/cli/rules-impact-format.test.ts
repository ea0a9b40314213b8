import { impactCsv, impactTable, type ImpactReport } from '../../../src/cli/rules-impact-format';
import type { DeadlineMove } from '../../../src/domain/rules-impact';

const move = (overrides: Partial<DeadlineMove>): DeadlineMove => ({
  petitionId: 'XF-2026-000118',
  key: 'handle',
  ruleSetId: 'national-2022',
  ruleSetVersionBefore: '1.3.0',
  ruleSetVersionAfter: '1.3.0',
  dueDateBefore: '2027-01-19',
  dueAtBefore: '2027-01-20T00:00:00+08:00',
  provisionalBefore: true,
  dueDateAfter: '2027-01-20',
  dueAtAfter: '2027-01-21T00:00:00+08:00',
  provisionalAfter: false,
  calendarVersionAfter: 'cn-workdays/chinese-days@1.5.7/2004-2027/added:2027#0b56bfa3',
  overdueBefore: false,
  overdueAfter: false,
  newlyOverdue: false,
  ...overrides,
});

const calendarReport = (moves: DeadlineMove[]): ImpactReport => ({
  candidate: {
    kind: 'calendar',
    year: 2027,
    notice: '国务院办公厅关于2027年部分节假日安排的通知',
    published: '2026-11-10',
    calendarVersionBefore: 'cn-workdays/chinese-days@1.5.7/2004-2026',
    calendarVersionAfter: 'cn-workdays/chinese-days@1.5.7/2004-2027/added:2027#0b56bfa3',
  },
  asOf: '2027-01-20',
  moves,
  summary: {
    cases: new Set(moves.map((m) => m.petitionId)).size,
    deadlines: moves.length,
    newlyOverdue: moves.filter((m) => m.newlyOverdue).length,
  },
});

describe('rules impact output', () => {
  it('prints a table with the overdue verdict of each move and a summary line', () => {
    const text = impactTable(
      calendarReport([
        move({ overdueBefore: true }),
        move({
          petitionId: 'XF-2026-000123',
          dueDateBefore: '2027-02-03',
          dueDateAfter: '2027-01-19',
          overdueAfter: true,
          newlyOverdue: true,
        }),
        move({
          petitionId: 'XF-2026-000125',
          ruleSetVersionAfter: '2.0.0',
          dueDateAfter: null,
          provisionalAfter: null,
          problem: 'no extension',
        }),
      ]),
    );
    expect(text.split('\n')).toEqual([
      'calendar year 2027: 国务院办公厅关于2027年部分节假日安排的通知 (2026-11-10)',
      'calendar cn-workdays/chinese-days@1.5.7/2004-2026 → cn-workdays/chinese-days@1.5.7/2004-2027/added:2027#0b56bfa3',
      '',
      'CASE            DEADLINE  RULE SET                     DUE BEFORE                DUE AFTER   OVERDUE AS OF 2027-01-20',
      '--------------  --------  ---------------------------  ------------------------  ----------  ----------------------------------',
      'XF-2026-000118  handle    national-2022@1.3.0          2027-01-19 (provisional)  2027-01-20  no longer overdue',
      'XF-2026-000123  handle    national-2022@1.3.0          2027-02-03 (provisional)  2027-01-19  newly overdue',
      'XF-2026-000125  handle    national-2022@1.3.0 → 2.0.0  2027-01-19 (provisional)  -           cannot be recomputed: no extension',
      '',
      '3 cases, 3 deadlines would move, 1 newly overdue as of 2027-01-20. Nothing was changed.',
    ]);
  });

  it('says a version without a transitional provision moves no running case', () => {
    const text = impactTable({
      candidate: { kind: 'rule-set', id: 'national-2022', version: '2.0.0', appliesToRunningCases: false },
      asOf: '2027-01-20',
      moves: [],
      summary: { cases: 0, deadlines: 0, newlyOverdue: 0 },
    });
    expect(text).toBe(
      [
        'rule set national-2022 v2.0.0: it applies to cases registered from its release: no running case moves',
        '',
        '(no running case would move)',
        '',
        '0 cases, 0 deadlines would move, 0 newly overdue as of 2027-01-20. Nothing was changed.',
      ].join('\n'),
    );
  });

  it('gives one CSV row per move, with a byte order mark and CRLF', () => {
    const csv = impactCsv(calendarReport([move({ problem: 'a, b' })]));
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFcase,deadline,ruleSet,ruleSetVersionBefore,ruleSetVersionAfter,dueDateBefore,dueDateAfter,' +
        'provisionalBefore,provisionalAfter,overdueBefore,overdueAfter,newlyOverdue,problem',
      'XF-2026-000118,handle,national-2022,1.3.0,1.3.0,2027-01-19,2027-01-20,true,false,false,false,false,"a, b"',
      '',
    ]);
  });
});
