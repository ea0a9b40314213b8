import {
  earlierReport,
  previousPeriodOf,
  previousYearOf,
  yearEarlierDate,
} from '../../../src/domain/reports/earlier-periods';
import { parsePeriod } from '../../../src/domain/reports/period';
import { computeCompared } from '../../../src/domain/reports/report-comparisons';
import type { ReportContext } from '../../../src/domain/reports/report-service';

const today = '2026-11-22';
const period = (params: Parameters<typeof parsePeriod>[0]) => parsePeriod(params, today);

describe('环比: the period just before', () => {
  it('goes from Q1 to the previous year’s Q4, H1 to H2, a year to the year before', () => {
    expect(previousPeriodOf(period({ quarter: '2026Q1' }))).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
      label: '2025Q4',
    });
    expect(previousPeriodOf(period({ quarter: '2026Q3' }))).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
      label: '2026Q2',
    });
    expect(previousPeriodOf(period({ half: '2026H1' }))).toEqual({
      from: '2025-07-01',
      to: '2025-12-31',
      label: '2025H2',
    });
    expect(previousPeriodOf(period({ year: '2026' }))).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
      label: '2025',
    });
  });

  it('goes back by whole months for a range on month bounds (a month: the month before, February whole)', () => {
    expect(previousPeriodOf(period({ from: '2024-03-01', to: '2024-03-31' }))).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
      label: '2024-02-01–2024-02-29',
    });
    expect(previousPeriodOf(period({ from: '2025-01-01', to: '2025-02-28' }))).toMatchObject({
      from: '2024-11-01',
      to: '2024-12-31',
    });
  });

  it('goes back by as many days for any other range', () => {
    // 10 days, 1–10 March of a leap year: the 10 days before are 20–29 February.
    expect(previousPeriodOf(period({ from: '2024-03-01', to: '2024-03-10' }))).toEqual({
      from: '2024-02-20',
      to: '2024-02-29',
      label: '2024-02-20–2024-02-29',
    });
    expect(previousPeriodOf(period({ from: '2026-01-05', to: '2026-01-05' }))).toMatchObject({
      from: '2026-01-04',
      to: '2026-01-04',
    });
  });
});

describe('同比: the same period a year earlier', () => {
  it('keeps quarters, halves and years as they are asked for', () => {
    expect(previousYearOf(period({ quarter: '2024Q1' }))).toEqual({
      from: '2023-01-01',
      to: '2023-03-31',
      label: '2023Q1',
    });
    expect(previousYearOf(period({ half: '2026H2' }))).toMatchObject({ label: '2025H2', to: '2025-12-31' });
    expect(previousYearOf(period({ year: '2026' }))).toMatchObject({ label: '2025', from: '2025-01-01' });
  });

  it('moves 29 February to 28 February, and keeps a whole February whole', () => {
    expect(yearEarlierDate('2024-02-29')).toBe('2023-02-28');
    expect(yearEarlierDate('2025-02-28')).toBe('2024-02-28');
    expect(previousYearOf(period({ from: '2024-02-10', to: '2024-02-29' }))).toMatchObject({
      from: '2023-02-10',
      to: '2023-02-28',
    });
    // February 2025, whole: February 2024 is whole too, to its 29th.
    expect(previousYearOf(period({ from: '2025-02-01', to: '2025-02-28' }))).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
    });
  });
});

describe('the earlier reports', () => {
  it('are taken as long after their period as the current one (同比: the same day a year earlier)', () => {
    const q3 = period({ quarter: '2025Q3' });
    expect(earlierReport(q3, '2025-10-15', 'previousPeriod')).toEqual({
      period: { from: '2025-04-01', to: '2025-06-30', label: '2025Q2' },
      asOf: '2025-07-15',
    });
    expect(earlierReport(q3, '2025-10-15', 'previousYear')).toEqual({
      period: { from: '2024-07-01', to: '2024-09-30', label: '2024Q3' },
      asOf: '2024-10-15',
    });
  });

  it('compare a running period with the same part of the earlier ones, cut there', () => {
    // 2024Q1 as of 29 February (day 60): last year to 28 February; the previous Q4 to its 60th day.
    const q1 = period({ quarter: '2024Q1' });
    expect(earlierReport(q1, '2024-02-29', 'previousYear')).toEqual({
      period: { from: '2023-01-01', to: '2023-02-28', label: '2023-01-01–2023-02-28' },
      asOf: '2023-02-28',
    });
    expect(earlierReport(q1, '2024-02-29', 'previousPeriod')).toEqual({
      period: { from: '2023-10-01', to: '2023-11-29', label: '2023-10-01–2023-11-29' },
      asOf: '2023-11-29',
    });
  });

  it('are "no data" before the calendar’s first year', () => {
    expect(earlierReport(period({ year: '1900' }), '1901-01-15', 'previousYear')).toBeNull();
    expect(earlierReport(period({ quarter: '1900Q1' }), '1900-04-15', 'previousPeriod')).toBeNull();
    expect(earlierReport(period({ quarter: '1900Q2' }), '1900-07-15', 'previousPeriod')).not.toBeNull();
  });
});

describe('the report over the earlier periods', () => {
  const scope = { unit: { id: 'u', name: '县局', level: 'county', kind: 'bureau' }, unitIds: ['u'] } as never;
  const computedFor = async (params: Parameters<typeof parsePeriod>[0], asOf: string) => {
    const asked: string[] = [];
    const compute = async (ctx: ReportContext) => {
      asked.push(`${ctx.period.from}–${ctx.period.to} as of ${ctx.asOf}`);
      return { received: asked.length };
    };
    const { comparisons } = await computeCompared(compute, { period: period(params), scope, asOf }, {});
    return { asked, comparisons };
  };

  it('computes a year’s 环比 and 同比 once: both are the year before as of the same day', async () => {
    const { asked, comparisons } = await computedFor({ year: '2025' }, '2026-01-15');
    expect(asked.sort()).toEqual([
      '2024-01-01–2024-12-31 as of 2025-01-15',
      '2025-01-01–2025-12-31 as of 2026-01-15',
    ]);
    expect(comparisons.previousPeriod).toEqual(comparisons.previousYear);
    const figure = comparisons.figures.received as { previousPeriod: unknown; previousYear: unknown };
    expect(figure.previousPeriod).toEqual(figure.previousYear);
  });

  it('computes a quarter three times: the quarter, the one before and the same one a year earlier', async () => {
    const { asked } = await computedFor({ quarter: '2025Q2' }, '2026-01-15');
    expect(asked).toHaveLength(3);
    expect(new Set(asked).size).toBe(3);
  });
});
