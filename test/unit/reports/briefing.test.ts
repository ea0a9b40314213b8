import { type BriefingFigures, briefingText } from '../../../src/domain/reports/briefing';
import type { ReportContext } from '../../../src/domain/reports/report-service';

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
