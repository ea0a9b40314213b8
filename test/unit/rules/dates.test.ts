import { InvalidDateError, toShanghaiDate } from '../../../src/rules';

describe('toShanghaiDate', () => {
  it.each([
    ['2026-08-02T15:59:59.999Z', '2026-08-02'],
    ['2026-08-02T16:00:00Z', '2026-08-03'], // midnight in Shanghai
    ['2026-08-03T00:00:00+08:00', '2026-08-03'],
    ['2026-08-02T23:59:59+08:00', '2026-08-02'],
    ['2026-08-02T23:30:00-05:00', '2026-08-03'], // 04:30Z = 12:30 in Shanghai
    ['2026-12-31T16:00:00.123456Z', '2027-01-01'], // microseconds, as Postgres writes them
    ['2026-08-02', '2026-08-02'], // already a Shanghai date
  ])('%s → %s', (instant, expected) => {
    expect(toShanghaiDate(instant)).toBe(expected);
  });

  it('accepts a Date', () => {
    expect(toShanghaiDate(new Date(Date.UTC(2026, 9, 7, 16, 0, 0)))).toBe('2026-10-08');
  });

  it.each([
    '2026-08-02T10:00:00',
    '2026-02-30T00:00:00Z',
    '2026-08-02T24:00:00Z',
    'now',
    '2026-08-02 10:00Z',
  ])('refuses %j (no offset, impossible or malformed)', (instant) => {
    expect(() => toShanghaiDate(instant)).toThrow(InvalidDateError);
  });

  it('refuses an invalid Date', () => {
    expect(() => toShanghaiDate(new Date(Number.NaN))).toThrow(InvalidDateError);
  });

  it('does not depend on the process time zone', () => {
    const original = process.env.TZ;
    const results: string[] = [];
    try {
      for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = zone;
        results.push(
          toShanghaiDate('2026-08-02T16:30:00Z'),
          toShanghaiDate(new Date(Date.UTC(2026, 7, 2, 15, 0))),
        );
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    expect(results).toEqual([
      '2026-08-03',
      '2026-08-02',
      '2026-08-03',
      '2026-08-02',
      '2026-08-03',
      '2026-08-02',
    ]);
  });
});
