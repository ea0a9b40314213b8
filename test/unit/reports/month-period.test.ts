import { shiftMonth } from '../../../src/domain/reports/analysis';
import { monthsOf } from '../../../src/domain/reports/documents/chart-options';
import { parsePeriod } from '../../../src/domain/reports/period';

/** The month a monthly analysis covers (`month=2026-07`), and the months around it. */
const TODAY = '2026-11-20';

describe('month=', () => {
  it('is the calendar month, its last day included, leap years too', () => {
    expect(parsePeriod({ month: '2026-07' }, TODAY)).toEqual({
      from: '2026-07-01',
      to: '2026-07-31',
      label: '2026-07',
    });
    expect(parsePeriod({ month: '2024-02' }, TODAY).to).toBe('2024-02-29');
    expect(parsePeriod({ month: '2026-02' }, TODAY).to).toBe('2026-02-28');
  });

  it('refuses a malformed month, a year the calendar cannot count in, and a second period', () => {
    for (const month of ['2026-7', '2026-13', '2026-00', '202607', '2026-07-01'])
      expect(() => parsePeriod({ month }, TODAY)).toThrow(/month: must look like 2026-07/);
    expect(() => parsePeriod({ month: '0000-01' }, TODAY)).toThrow(/month: the year must lie in/);
    expect(() => parsePeriod({ month: '2026-07', quarter: '2026Q3' }, TODAY)).toThrow(/give one of/);
    expect(() => parsePeriod({ month: '2026-07', from: '2026-07-01' }, TODAY)).toThrow(/give one of/);
  });
});

describe('the months of the trend', () => {
  it('steps across the turn of the year either way', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-09', -11)).toBe('2025-10');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(monthsOf('2025-11-01', '2026-02-28')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
