import { changePercent, changePoints, compareFigures } from '../../../src/domain/reports/comparisons';

describe('the change', () => {
  it('of a count is in percent of the earlier count, one decimal, halves away from zero', () => {
    expect(changePercent(3, 2)).toBe(50);
    expect(changePercent(11, 25)).toBe(-56);
    expect(changePercent(2, 3)).toBe(-33.3);
    expect(changePercent(1, 3)).toBe(-66.7);
    expect(changePercent(5, 5)).toBe(0);
    expect(changePercent(0, 4)).toBe(-100);
  });

  it('of a count has no value when the earlier period had none: no division by zero', () => {
    expect(changePercent(3, 0)).toBeNull();
    expect(changePercent(0, 0)).toBeNull();
    expect(changePercent(3, null)).toBeNull();
  });

  it('of a rate is in percentage points, and none when either rate is "no data"', () => {
    expect(changePoints(66.7, 50)).toBe(16.7);
    expect(changePoints(83.3, 80.1)).toBe(3.2);
    expect(changePoints(50, 83.3)).toBe(-33.3);
    expect(changePoints(null, 50)).toBeNull();
    expect(changePoints(50, null)).toBeNull();
  });
});

describe('the comparisons of a report', () => {
  const rate = (r: number | null, numerator: number, denominator: number) => ({
    rate: r,
    numerator,
    denominator,
  });
  const summary = (received: number, share: number, timely: ReturnType<typeof rate>, open: number) => ({
    received,
    firstTime: { count: received, share },
    timelyAcceptance: timely,
    caseOwned: { count: 1, formula: 'text is not compared' },
    priority: { majorUrgentOpen: open, majorUrgentCases: [{ petitionId: 'XF-1' }] },
  });

  it('mirror every figure: counts in percent, shares and rates in points, standing figures marked', () => {
    const figures = compareFigures(
      summary(3, 66.7, rate(66.7, 2, 3), 2),
      {
        previousPeriod: summary(4, 100, rate(null, 0, 0), 5),
        previousYear: summary(2, 100, rate(50, 1, 2), 7),
      },
      { standsNow: ['priority'] },
    );
    expect(figures).toEqual({
      received: {
        value: 3,
        previousPeriod: { value: 4, changePercent: -25 },
        previousYear: { value: 2, changePercent: 50 },
      },
      firstTime: {
        count: {
          value: 3,
          previousPeriod: { value: 4, changePercent: -25 },
          previousYear: { value: 2, changePercent: 50 },
        },
        share: {
          value: 66.7,
          previousPeriod: { value: 100, changePoints: -33.3 },
          previousYear: { value: 100, changePoints: -33.3 },
        },
      },
      timelyAcceptance: {
        rate: {
          value: 66.7,
          previousPeriod: { value: null, changePoints: null, noData: true },
          previousYear: { value: 50, changePoints: 16.7 },
        },
      },
      caseOwned: {
        count: {
          value: 1,
          previousPeriod: { value: 1, changePercent: 0 },
          previousYear: { value: 1, changePercent: 0 },
        },
      },
      // As the cases stand now: the same in every earlier report, so not compared (and no list of cases).
      priority: { majorUrgentOpen: { value: 2, standsNow: true } },
    });
  });

  it('give "no data" for every figure when an earlier period cannot be counted, or had none', () => {
    const figures = compareFigures(
      summary(3, 100, rate(100, 1, 1), 0),
      { previousPeriod: null, previousYear: summary(0, 0, rate(null, 0, 0), 0) },
      { standsNow: ['priority'] },
    );
    expect(figures.received).toEqual({
      value: 3,
      previousPeriod: { value: null, changePercent: null, noData: true },
      previousYear: { value: 0, changePercent: null, noData: true },
    });
    expect(figures.timelyAcceptance).toEqual({
      rate: {
        value: 100,
        previousPeriod: { value: null, changePoints: null, noData: true },
        previousYear: { value: null, changePoints: null, noData: true },
      },
    });
  });

  it('compare the rows of a split by their key, whatever their order, and leave out what is no figure', () => {
    const row = (key: string, count: number, share: number, rank: number) => ({
      key,
      label: key,
      count,
      share,
      rank,
    });
    const figures = compareFigures(
      { total: 3, rows: [row('online', 2, 66.7, 1), row('visit', 1, 33.3, 2)] },
      {
        previousPeriod: { total: 4, rows: [row('visit', 4, 100, 1), row('online', 0, 0, 2)] },
        previousYear: { total: 1, rows: [row('online', 1, 100, 1)] },
      },
      { rowKey: 'key', skip: ['rows.rank'] },
    );
    expect(figures.rows).toEqual([
      {
        key: 'online',
        count: {
          value: 2,
          previousPeriod: { value: 0, changePercent: null, noData: true },
          previousYear: { value: 1, changePercent: 100 },
        },
        share: {
          value: 66.7,
          previousPeriod: { value: 0, changePoints: 66.7 },
          previousYear: { value: 100, changePoints: -33.3 },
        },
      },
      {
        key: 'visit',
        count: {
          value: 1,
          previousPeriod: { value: 4, changePercent: -75 },
          // Not a row last year: nothing to compare with.
          previousYear: { value: null, changePercent: null, noData: true },
        },
        share: {
          value: 33.3,
          previousPeriod: { value: 100, changePoints: -66.7 },
          previousYear: { value: null, changePoints: null, noData: true },
        },
      },
    ]);
  });

  it('leave lists out when the report names no row key', () => {
    const figures = compareFigures(
      { atStart: 1, cases: [{ petitionId: 'XF-1', daysOverdue: 3 }] },
      { previousPeriod: { atStart: 1, cases: [] }, previousYear: { atStart: 2, cases: [] } },
      {},
    );
    expect(Object.keys(figures)).toEqual(['atStart']);
  });
});
