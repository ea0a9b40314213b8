import fc from 'fast-check';
import { parsePeriod } from '../../../src/domain/reports/period';
import { percent, sharesOf } from '../../../src/domain/reports/shares';

describe('shares', () => {
  it('add up to 100.0 with one decimal, the largest remainders rounded up', () => {
    expect(sharesOf([1, 1, 1])).toEqual([33.4, 33.3, 33.3]);
    expect(sharesOf([0, 1, 1, 4])).toEqual([0, 16.7, 16.6, 66.7]);
    expect(sharesOf([5, 1])).toEqual([83.3, 16.7]);
    expect(sharesOf([0, 0])).toEqual([0, 0]);
    fc.assert(
      fc.property(fc.array(fc.nat(100_000), { minLength: 1, maxLength: 12 }), (counts) => {
        const shares = sharesOf(counts);
        const total = counts.reduce((a, b) => a + b, 0);
        const tenths = shares.reduce((a, s) => a + Math.round(s * 10), 0);
        expect(tenths).toBe(total === 0 ? 0 : 1000);
        // Each share is its exact value rounded down or up, never further.
        counts.forEach((n, i) => {
          if (total > 0) expect(Math.abs(shares[i]! - (n * 100) / total)).toBeLessThan(0.1);
        });
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  it('give a rate with one decimal, and no rate when nothing was due', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 5)).toBe(0);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('periods', () => {
  const today = '2026-11-22';
  it('read quarters, halves, years and ranges, and default to the current quarter', () => {
    expect(parsePeriod({ quarter: '2026Q1' }, today)).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      label: '2026Q1',
    });
    expect(parsePeriod({ quarter: '2024Q4' }, today)).toMatchObject({ from: '2024-10-01', to: '2024-12-31' });
    expect(parsePeriod({ half: '2026H2' }, today)).toMatchObject({ from: '2026-07-01', to: '2026-12-31' });
    expect(parsePeriod({ year: '2025' }, today)).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    // The calendar's last quarter ends in its own year; February in a leap year.
    expect(parsePeriod({ quarter: '2199Q4' }, today)).toMatchObject({ from: '2199-10-01', to: '2199-12-31' });
    expect(parsePeriod({ half: '2199H2' }, today)).toMatchObject({ to: '2199-12-31' });
    expect(parsePeriod({ quarter: '2028Q1' }, today)).toMatchObject({ to: '2028-03-31' });
    expect(parsePeriod({ quarter: '2026Q2' }, today)).toMatchObject({ to: '2026-06-30' });
    expect(parsePeriod({ from: '2026-02-01', to: '2026-02-28' }, today)).toMatchObject({
      from: '2026-02-01',
    });
    expect(parsePeriod({}, today)).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026Q4' });
  });

  it('refuse what is not a period, naming the field', () => {
    const field = (params: object) => {
      try {
        parsePeriod(params, today);
      } catch (err) {
        return (err as { details: { fields: Array<{ path: string }> } }).details.fields[0]!.path;
      }
      return 'accepted';
    };
    expect(field({ quarter: '2026Q0' })).toBe('quarter');
    // Years the calendar cannot count in (F3: these answered 500).
    for (const quarter of ['2200Q1', '0000Q1', '1899Q4']) expect(field({ quarter })).toBe('quarter');
    expect(field({ half: '0000H1' })).toBe('half');
    expect(field({ year: '0000' })).toBe('year');
    expect(field({ year: '2200' })).toBe('year');
    expect(field({ from: '0000-01-01', to: '2026-01-01' })).toBe('from');
    expect(field({ half: '2026H3' })).toBe('half');
    expect(field({ year: '26' })).toBe('year');
    expect(field({ from: '2026-02-30', to: '2026-03-01' })).toBe('from');
    expect(field({ from: '2026-03-01', to: '2026-02-01' })).toBe('to');
    expect(field({ quarter: '2026Q1', half: '2026H1' })).toBe('quarter');
  });
});
