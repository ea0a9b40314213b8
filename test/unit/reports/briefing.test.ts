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
