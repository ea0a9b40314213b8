import { addDays } from '../../../../src/rules/dates';
import { shanghaiToday } from '../../../support/harness';
import type { Row } from '../runner';

/**
 * The backlog register (积案台账) and campaigns (issue 23): kept (POST) by the bureau's supervisors and the
 * joint-conference office, read by whoever reports on the keeping or the responsible unit (backlog-objects.ts).
 * Entries and campaigns are Qingshan's; a register of another area is refused in backlog-api.test.ts (scope).
 */
const KEEPERS = ['supervisor', 'jco'];
const keeperRoles = ['supervisor', 'jco'] as Row['roles'];
const entry = () => 'entry@county';
const campaign = () => 'campaign@county';
const today = shanghaiToday();

export const BACKLOG_ROWS: Row[] = [
  {
    op: 'POST /api/backlog/campaigns',
    what: 'open a campaign (专项攻坚) of the own unit',
    roles: keeperRoles,
    allowed: KEEPERS,
    body: { name: '百日攻坚', startsOn: today, endsOn: addDays(today, 100), targetRate: 80 },
    ok: 201,
    readOnly: true,
    noOther: 'a campaign of a unit outside the caller’s reports: backlog-api.test.ts',
  },
  {
    op: 'GET /api/backlog/campaigns',
    what: 'list the campaigns of the own scope',
    fixed: { own: 200 },
    noOther: 'the caller’s own scope',
  },
  {
    op: 'GET /api/backlog/campaigns/{campaignId}',
    what: 'read a campaign of Qingshan’s bureau',
    cases: campaign,
    allowed: 'whoever sees it',
    noOther: 'one campaign, seen or not by its scope',
  },
  {
    op: 'POST /api/backlog/entries',
    what: 'put a case in the register (own: a county case; other: a case of the city’s bureau, not seen)',
    cases: (_login, side) => (side === 'own' ? 'registered@county' : 'registered@city-to-county'),
    roles: keeperRoles,
    allowed: KEEPERS,
    body: (c) => ({
      title: '访问矩阵积案',
      caseIds: [c.id],
      unitId: 'qingshan-housing',
      leader: '县住建局局长',
      cause: '历史遗留问题。',
      measures: '专班化解。',
      targetDate: addDays(today, 30),
    }),
    ok: 201,
    readOnly: true,
  },
  {
    op: 'GET /api/backlog/entries',
    what: 'list the entries of the own scope',
    fixed: { own: 200 },
    noOther: 'the caller’s own scope',
  },
  {
    op: 'GET /api/backlog/entries/{entryId}',
    what: 'read an entry kept by Qingshan’s bureau for Qingshan housing',
    cases: entry,
    allowed: 'whoever sees it',
    noOther: 'one entry, seen or not by its scope',
  },
  {
    op: 'POST /api/backlog/entries/{entryId}/progress',
    what: 'add a progress note',
    cases: entry,
    roles: keeperRoles,
    allowed: KEEPERS,
    body: { notedOn: today, note: '召开协调会。' },
    ok: 201,
    readOnly: true,
    noOther: 'one entry, seen or not by its scope',
  },
  {
    op: 'POST /api/backlog/entries/{entryId}/target-date',
    what: 'move the target date',
    cases: entry,
    roles: keeperRoles,
    allowed: KEEPERS,
    body: { targetDate: addDays(today, 60), reason: '资金分期到位。' },
    readOnly: true,
    noOther: 'one entry, seen or not by its scope',
  },
  {
    op: 'POST /api/backlog/entries/{entryId}/outcome',
    what: 'record the outcome (the entry closes)',
    cases: entry,
    roles: keeperRoles,
    allowed: KEEPERS,
    body: { outcome: 'resolved', on: today },
    noOther: 'one entry, seen or not by its scope',
  },
];
