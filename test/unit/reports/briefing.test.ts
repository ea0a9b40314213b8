import { type BriefingFigures, briefingText } from '../../../src/domain/reports/briefing';
import type { ReportContext } from '../../../src/domain/reports/report-service';
import { screeningPart } from '../../../src/domain/reports/screening-summary';
import { visitsPart } from '../../../src/domain/reports/visit-report';
import { SCREENING, type ScreeningFigureId } from '../../../src/db/screening-figures';
import { VISIT_FIGURE_IDS, type VisitFigureId } from '../../../src/db/visit-figures';

const ctx: ReportContext = {
  period: { from: '2026-07-01', to: '2026-09-30', label: '2026Q3' },
  scope: {
    unit: { id: 'qingshan-petition-bureau', name: '青山县信访局', level: 'county', kind: 'petition-bureau' },
    unitIds: [],
  },
  asOf: '2026-10-08',
};
const noRate = { numerator: 0, denominator: 0, rate: null };
const split = (key: string, label: string, count: number, share: number) => ({ key, label, count, share });

const figures = (transferredOut: number): BriefingFigures => ({
  received: 8,
  transferredOut,
  firstTime: { count: 6, share: 75 },
  repeat: { count: 2, share: 25 },
  levels: [split('county', '县级', 8, 100)],
  channels: [split('online', '网上信访', 8, 100)],
  domains: [split('housing', '住房保障', 8, 100)],
  units: [],
  timelyAcceptance: noRate,
  onTimeCompletion: noRate,
  participation: noRate,
  satisfaction: noRate,
});

describe('the briefing paragraph (seed 001)', () => {
  it('counts the cases transferred out among those received: 「其余 N 件责任单位不属于我区」', () => {
    const text = briefingText(ctx, figures(2));
    // 10 received: 6 first-time (60.0 %), 2 repeat (20.0 %), the other 2 sent to another area's bureau.
    expect(text).toMatch(
      /^2026年7月1日至9月30日，青山县信访局受理信访事项10件，其中初信初访6件，占比60\.0%，重复信访2件，占比20\.0%，其余2件责任单位不属于我区；从信访层级看，县级8件/,
    );
  });

  it('says nothing of transfers when there were none', () => {
    const text = briefingText(ctx, figures(0));
    expect(text).toMatch(/受理信访事项8件，其中初信初访6件，占比75\.0%，重复信访2件，占比25\.0%；/);
    expect(text).not.toContain('其余');
  });

  it('writes the count even when every case received went to another area', () => {
    const text = briefingText(ctx, {
      ...figures(3),
      received: 0,
      firstTime: { count: 0, share: 0 },
      repeat: { count: 0, share: 0 },
    });
    expect(text).toBe(
      '2026年7月1日至9月30日，青山县信访局受理信访事项3件，其中初信初访0件，占比0.0%，重复信访0件，占比0.0%，其余3件责任单位不属于我区。',
    );
  });
});

describe('the briefing’s 同比 (seed 000: 「…比去年同期下降56%」)', () => {
  const rate = (r: number | null) => ({ numerator: 0, denominator: r === null ? 0 : 1, rate: r });
  const lastYear = (received: number, transferredOut = 0) => ({
    received,
    transferredOut,
    timelyAcceptance: rate(50),
    onTimeCompletion: rate(75),
    participation: rate(null),
    satisfaction: rate(90),
  });
  const withRates = (previousYear?: ReturnType<typeof lastYear>): BriefingFigures => ({
    ...figures(2),
    timelyAcceptance: rate(66.7),
    onTimeCompletion: rate(75),
    participation: rate(40),
    satisfaction: rate(null),
    ...(previousYear ? { previousYear } : {}),
  });

  it('compares the cases received, transfers out included on both sides, and the rates in points', () => {
    // 10 now against 25 (20 + 5) a year earlier: down 60.0 %.
    const text = briefingText(ctx, withRates(lastYear(20, 5)));
    expect(text).toMatch(
      /^2026年7月1日至9月30日，青山县信访局受理信访事项10件，比去年同期下降60\.0%，其中初信初访6件/,
    );
    expect(text).toMatch(
      /及时受理率66\.7%，比去年同期提高16\.7个百分点，按期办结率75\.0%，与去年同期持平，参评率40\.0%，满意率暂无数据。$/,
    );
  });

  it('writes a rise as 上升, and nothing when last year had no cases or no period to count', () => {
    expect(briefingText(ctx, withRates(lastYear(8)))).toContain(
      '受理信访事项10件，比去年同期上升25.0%，其中',
    );
    for (const text of [briefingText(ctx, withRates(lastYear(0))), briefingText(ctx, withRates())]) {
      expect(text).toContain('受理信访事项10件，其中');
      expect(text).not.toContain('去年同期上升');
    }
    // Without last year's cases its rates still compare (they are of the cases it had: none here, "no data").
    expect(briefingText(ctx, withRates())).not.toContain('去年同期');
  });
});

describe('the briefing’s registers: visits, leaders, 阅批, screening, campaigns (seeds 000, 004)', () => {
  const visitCounts = (over: Partial<Record<VisitFigureId, number>>) =>
    Object.fromEntries(VISIT_FIGURE_IDS.map((id) => [id, over[id] ?? 0])) as Record<VisitFigureId, number>;
  const screeningCounts = (over: Partial<Record<ScreeningFigureId, number>>) =>
    Object.fromEntries(
      Object.keys(SCREENING).map((id) => [id, over[id as ScreeningFigureId] ?? 0]),
    ) as Record<ScreeningFigureId, number>;
  const register = (resolved: number) => ({ added: 0, resolved, stoppedPetitioning: 0, open: 0, overdue: 0 });
  const campaign = (name: string, entries: number, resolved: number, targetRate: number | null) => ({
    name,
    entries,
    resolved,
    stoppedPetitioning: entries > 0 ? 1 : 0,
    resolutionRate: { rate: entries > 0 ? (resolved * 100) / entries : null },
    targetRate,
    targetMet: targetRate === null || entries === 0 ? null : (resolved * 100) / entries >= targetRate,
  });
  const thisYear = {
    visits: visitsPart(
      visitCounts({
        visitsBatches: 20,
        visitsPersons: 150,
        localBatches: 12,
        localPersons: 60,
        cityBatches: 5,
        cityPersons: 50,
        provinceBatches: 2,
        provincePersons: 30,
        beijingBatches: 1,
        beijingPersons: 10,
        groupBatches: 3,
        groupPersons: 90,
        leaderReceptionDays: 2,
        downVisits: 3,
        downVisitLeaders: 7,
        jointReceptions: 1,
        instructions: 5,
        instructedCases: 4,
      }),
    ),
    screening: screeningPart(
      screeningCounts({
        roundsHeld: 13,
        roundsConcentrated: 4,
        roundsFocused: 9,
        disputesFound: 79,
        disputesMediated: 30,
        disputesResolved: 20,
        disputesBecamePetitions: 5,
        disputesOpen: 24,
      }),
    ),
    backlogRegister: register(3),
    campaigns: [campaign('百日攻坚', 12, 9, 80), campaign('积案化解年', 0, 0, 90)],
  };
  const lastYear = {
    received: 0,
    transferredOut: 0,
    timelyAcceptance: noRate,
    onTimeCompletion: noRate,
    participation: noRate,
    satisfaction: noRate,
    visits: visitsPart(
      visitCounts({
        visitsBatches: 25,
        visitsPersons: 100,
        provinceBatches: 2,
        provincePersons: 30,
        beijingBatches: 2,
        beijingPersons: 20,
        groupBatches: 6,
        groupPersons: 120,
        leaderReceptionDays: 1,
        downVisits: 1,
        downVisitLeaders: 7,
        instructedCases: 2,
      }),
    ),
    screening: screeningPart(screeningCounts({ roundsHeld: 10, disputesFound: 100, disputesResolved: 50 })),
    backlogRegister: register(4),
  };

  it('writes each register after the cases, in the seeds’ words, with 同比 where last year had some', () => {
    const text = briefingText(ctx, { ...figures(0), ...thisYear, previousYear: lastYear });
    const registers = text.slice(text.indexOf('满意率暂无数据。') + '满意率暂无数据。'.length);
    expect(registers).toBe(
      // 20 批 against 25 (−20 %), 150 人次 against 100 (+50 %): each on its own; 进京 both −50 %: 「分别」.
      '从来访情况看，共接待来访群众20批150人次，批次比去年同期下降20.0%，人次比去年同期上升50.0%，' +
        '其中进京1批10人次，分别比去年同期下降50.0%和50.0%，赴省2批30人次，与去年同期持平，到市5批50人次，' +
        '本级接待12批60人次；集体访3批90人次，分别比去年同期下降50.0%和25.0%。' +
        // 下访 compares its 人次 (seed 004: 「党政领导下访75人次」); no joint reception last year: no 同比.
        '从领导接访看，领导接访2次，比去年同期上升100.0%，党政领导下访3次7人次，与去年同期持平，联合接访1次，' +
        '领导阅批件4件，比去年同期上升100.0%。' +
        // 50 of 79 settled (63.3 %) against 50 of 100 (50.0 %): +13.3 points.
        '从矛盾纠纷排查看，开展排查13次（其中集中排查4次、重点排查9次），比去年同期上升30.0%，' +
        '排查出各类矛盾纠纷79起，比去年同期下降21.0%，其中调解30起、化解20起、转为信访事项5起，' +
        '化解率63.3%，比去年同期提高13.3个百分点。' +
        // The campaign without entries says nothing.
        '从积案化解看，本期化解积案台账3件，比去年同期下降25.0%，' +
        '专项攻坚“百日攻坚”列入台账12件，已化解9件，息诉罢访1件，化解率75.0%（目标80.0%，未达标）。',
    );
  });

  it('leaves out a register whose figures are all zero, and 同比 without last year', () => {
    const empty = {
      visits: visitsPart(visitCounts({})),
      screening: screeningPart(screeningCounts({})),
      backlogRegister: register(0),
      campaigns: [campaign('积案化解年', 0, 0, 90)],
    };
    const casesOnly = briefingText(ctx, figures(0));
    expect(briefingText(ctx, { ...figures(0), ...empty, previousYear: lastYear })).toBe(casesOnly);
    // Only visits received here, no leaders, no screening, no year before: one sentence, no 「其中」, no 同比.
    const local = visitsPart(
      visitCounts({ visitsBatches: 4, visitsPersons: 9, localBatches: 4, localPersons: 9 }),
    );
    expect(briefingText(ctx, { ...figures(0), ...empty, visits: local })).toBe(
      `${casesOnly}从来访情况看，共接待来访群众4批9人次。`,
    );
    // A period without cases still tells its registers.
    expect(
      briefingText(ctx, {
        ...figures(0),
        received: 0,
        firstTime: { count: 0, share: 0 },
        repeat: { count: 0, share: 0 },
        ...empty,
        campaigns: [campaign('百日攻坚', 4, 1, null)],
      }),
    ).toBe(
      '2026年7月1日至9月30日，青山县信访局受理信访事项0件。' +
        '从积案化解看，专项攻坚“百日攻坚”列入台账4件，已化解1件，息诉罢访1件，化解率25.0%。',
    );
  });

  it('names the three largest campaigns in their order and sums the others (a province meets a hundred)', () => {
    const campaigns = [
      campaign('甲', 2, 1, null),
      campaign('乙', 9, 3, null),
      campaign('丙', 5, 5, null),
      campaign('丁', 1, 0, null),
      campaign('戊', 7, 7, null),
    ];
    const text = briefingText(ctx, { ...figures(0), received: 0, campaigns });
    expect(text).toContain(
      '专项攻坚“乙”列入台账9件，已化解3件，息诉罢访1件，化解率33.3%；' +
        '“丙”列入台账5件，已化解5件，息诉罢访1件，化解率100.0%；' +
        '“戊”列入台账7件，已化解7件，息诉罢访1件，化解率100.0%；' +
        '另有2项专项攻坚列入台账3件，已化解1件。',
    );
  });
});
