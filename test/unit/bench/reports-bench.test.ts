import { REPORT_NAMES } from '../../../src/domain/reports/catalogue';
import { registerSizes } from '../../../bench/reports/load-registers';
import { percentile, REPORTS } from '../../../bench/reports/measure';

describe('the reports bench', () => {
  it('times every report of the catalogue as JSON, and the written ones as Word and Excel', () => {
    const names = REPORTS.map((r) => r.name);
    for (const name of REPORT_NAMES) expect(names).toContain(name);
    expect(names).toEqual(
      expect.arrayContaining(['briefing docx', 'briefing xlsx', 'analysis docx', 'analysis xlsx']),
    );
    expect(REPORTS.filter((r) => r.monthly).map((r) => r.name)).toEqual([
      'analysis',
      'analysis docx',
      'analysis xlsx',
    ]);
  });

  it('takes the p95 by nearest rank: of ten runs the slowest, of twenty the nineteenth', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 0.95)).toBe(10);
    expect(percentile([...ten, ...ten.map((x) => x + 10)], 0.95)).toBe(19);
    expect(percentile([7], 0.95)).toBe(7);
    expect(() => percentile([], 0.95)).toThrow('no times');
  });

  it('sizes the registers in proportion to the visits, a province’s two years at full scale', () => {
    expect(registerSizes(1_000_000, 300_000)).toEqual({
      visits: 300_000,
      sessions: 12_000,
      instructions: 15_000,
      rounds: 3_000,
      disputes: 30_000,
      campaigns: 200,
      entries: 6_000,
    });
    // A small run keeps at least a round and two campaigns; no visits, no registers.
    expect(registerSizes(100, 50)).toMatchObject({ rounds: 1, campaigns: 2 });
    expect(registerSizes(100, 0)).toMatchObject({ visits: 0, rounds: 0, campaigns: 0, entries: 0 });
  });
});
