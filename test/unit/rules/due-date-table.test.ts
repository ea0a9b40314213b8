import {
  DeadlineNotExtendableError,
  DeadlineNotPausableError,
  ExtensionCapExceededError,
  InvalidArgumentError,
  InvalidDateError,
  RulesError,
  UnknownDeadlineError,
  dueDate,
  getRuleSet,
  parseRuleSet,
  type DeadlineKey,
} from '../../../src/rules';

/*
 * Every expected date below was worked out by hand from the State Council notices:
 * 2025 — 元旦 1 Jan; 春节 28 Jan–4 Feb (worked Sun 26 Jan, Sat 8 Feb); 清明 4–6 Apr; 劳动节 1–5 May (worked
 * Sun 27 Apr); 端午 31 May–2 Jun; 国庆+中秋 1–8 Oct (worked Sun 28 Sep, Sat 11 Oct).
 * 2026 — 元旦 1–3 Jan (worked Sun 4 Jan); 春节 15–23 Feb (worked Sat 14 Feb, Sat 28 Feb); 清明 4–6 Apr;
 * 劳动节 1–5 May (worked Sat 9 May); 端午 19–21 Jun; 中秋 25–27 Sep; 国庆 1–7 Oct (worked Sun 20 Sep, Sat 10 Oct).
 * The start day is not counted: "15 d from 14 Jan" ends on 29 Jan.
 */
type Row = [ruleSet: string, key: DeadlineKey, start: string, due: string, why: string];

const calendarDayRows: Row[] = [
  [
    'national-2022',
    'handle',
    '2026-08-02',
    '2026-10-08',
    '60 d → Thu 1 Oct, National Day 1–7 Oct → Thu 8 Oct',
  ],
  [
    'national-2022',
    'route',
    '2025-01-14',
    '2025-02-05',
    '15 d → Wed 29 Jan, Spring Festival to 4 Feb → Wed 5 Feb',
  ],
  ['national-2022', 'acknowledge', '2025-01-24', '2025-02-08', '15 d → Sat 8 Feb, a make-up working day'],
  ['national-2022', 'acknowledge', '2026-09-25', '2026-10-10', '15 d → Sat 10 Oct, a make-up working day'],
  ['national-2022', 'request-review', '2024-12-27', '2025-01-26', '30 d → Sun 26 Jan, a make-up working day'],
  [
    'national-2022',
    'review',
    '2025-04-01',
    '2025-05-06',
    '30 d → Thu 1 May, Labour Day to 5 May → Tue 6 May',
  ],
  [
    'national-2022',
    'handle',
    '2025-08-05',
    '2025-10-09',
    '60 d → Sat 4 Oct, National Day to 8 Oct → Thu 9 Oct',
  ],
  [
    'national-2022',
    'return-visit',
    '2025-12-17',
    '2026-01-04',
    '15 d → Thu 1 Jan, off to Sat 3 Jan → make-up Sun 4 Jan',
  ],
  [
    'national-2022',
    'route',
    '2026-02-17',
    '2026-03-04',
    'starts inside the Spring Festival: 15 d → Wed 4 Mar',
  ],
  [
    'national-2022',
    'request-reexamination',
    '2026-05-02',
    '2026-06-01',
    'starts on Labour Day: 30 d → Mon 1 Jun',
  ],
  ['national-2022', 'reexamine', '2026-03-10', '2026-04-09', '30 d → Thu 9 Apr, an ordinary working day'],
  ['national-2022', 'handle', '2026-07-11', '2026-09-09', '60 d → Wed 9 Sep'],
  ['national-2022', 'review', '2026-05-09', '2026-06-08', '30 d → Mon 8 Jun'],
  [
    'national-2022',
    'review',
    '2026-05-20',
    '2026-06-22',
    '30 d → Fri 19 Jun, Dragon Boat to Sun 21 Jun → Mon 22 Jun',
  ],
  [
    'zhejiang-2016',
    'handle',
    '2026-01-20',
    '2026-02-24',
    '30 d → Thu 19 Feb, Spring Festival to 23 Feb → Tue 24 Feb',
  ],
  ['zhejiang-2016', 'review', '2025-04-01', '2025-05-06', 'review inherited from national: as above'],
  [
    'shandong-2015',
    'supervision-feedback',
    '2026-09-01',
    '2026-10-08',
    '30 d (Art 59) → Thu 1 Oct → Thu 8 Oct',
  ],
  ['shandong-2015', 'handle', '2025-08-05', '2025-10-09', 'same 60 d as national (Art 42)'],
  ['shandong-2015', 'reexamine', '2025-09-01', '2025-10-09', '30 d → Wed 1 Oct → Thu 9 Oct'],
  [
    'beijing-2006',
    'review',
    '2026-05-20',
    '2026-06-22',
    '30 d (Art 50 ¶1): 11 d to Sun 31 May, 19 more → Fri 19 Jun, Dragon Boat to Sun 21 Jun → Mon 22 Jun',
  ],
  [
    'beijing-2006',
    'handle',
    '2025-08-05',
    '2025-10-09',
    '60 d (Art 40): 26 d to 31 Aug, 30 to 30 Sep, 4 more → Sat 4 Oct, National Day to 8 Oct → Thu 9 Oct',
  ],
  [
    'shanghai-2012',
    'supervision-feedback',
    '2025-09-01',
    '2025-10-09',
    '30 d (Art 41 ¶2): 29 d to 30 Sep, 1 more → Wed 1 Oct, National Day to 8 Oct → Thu 9 Oct',
  ],
  [
    'shanghai-2012',
    'supervision-feedback',
    '2026-01-24',
    '2026-02-24',
    '30 d (Art 41 ¶2): 7 d to 31 Jan, 23 more → Mon 23 Feb, last day of the Spring Festival → Tue 24 Feb',
  ],
  [
    'shanghai-2012',
    'acknowledge',
    '2026-09-25',
    '2026-10-10',
    '15 d (Art 35) → Sat 10 Oct, a make-up working day: no roll-forward',
  ],
  [
    'shanghai-2012',
    'handle',
    '2026-07-11',
    '2026-09-09',
    '60 d (Art 37): 20 d to 31 Jul, 31 to 31 Aug, 9 more → Wed 9 Sep, an ordinary working day',
  ],
  [
    'shanghai-2012',
    'reexamine',
    '2025-04-01',
    '2025-05-06',
    '30 d (Art 40 ¶1) → Thu 1 May, Labour Day to 5 May → Tue 6 May',
  ],
  [
    'henan-2012',
    'route',
    '2025-09-28',
    '2025-10-09',
    '5 d (Art 26 ¶2 (一)) from the make-up Sun 28 Sep → Fri 3 Oct, National Day to 8 Oct → Thu 9 Oct',
  ],
  [
    'henan-2012',
    'object',
    '2026-03-03',
    '2026-03-09',
    '5 calendar d (Art 26 ¶2 (五)) → Sun 8 Mar → Mon 9 Mar (national 5 wd would end Tue 10 Mar)',
  ],
  [
    'henan-2012',
    'handle',
    '2026-01-20',
    '2026-02-24',
    '30 d (Art 26 ¶2 (二)): 11 d to 31 Jan, 19 more → Thu 19 Feb, Spring Festival to 23 Feb → Tue 24 Feb',
  ],
  [
    'henan-2012',
    'report-assigned',
    '2026-02-01',
    '2026-05-06',
    '90 d (Art 26 ¶2 (三)): 27 d to 28 Feb, 31 to 31 Mar, 30 to 30 Apr, 2 more → Sat 2 May, Labour Day to 5 May → Wed 6 May',
  ],
];

const workingDayRows: Row[] = [
  [
    'national-2022',
    'object',
    '2025-09-26',
    '2025-10-10',
    'Sun 28 Sep (make-up) 1, 29 2, 30 3, 1–8 Oct off, 9 4, 10 5',
  ],
  [
    'national-2022',
    'object',
    '2026-02-16',
    '2026-02-28',
    'starts on a holiday: 24 1 … 27 4, Sat 28 Feb (make-up) 5',
  ],
  [
    'national-2022',
    'handle-simplified',
    '2025-01-20',
    '2025-02-08',
    '21–24 Jan 1–4, Sun 26 Jan 5, 27 6, 28 Jan–4 Feb off, 5–7 Feb 7–9, Sat 8 Feb 10',
  ],
  [
    'national-2022',
    'supervision-feedback',
    '2026-04-30',
    '2026-05-11',
    '1–5 May off, 6–8 May 1–3, Sat 9 May 4, Mon 11 5',
  ],
  ['national-2022', 'object', '2026-03-06', '2026-03-13', 'no holiday: Mon 9 … Fri 13'],
  [
    'zhejiang-2016',
    'route',
    '2026-09-29',
    '2026-10-12',
    'Wed 30 Sep 1, 1–7 Oct off, 8 2, 9 3, Sat 10 Oct 4, Mon 12 5',
  ],
  [
    'zhejiang-2016',
    'acknowledge',
    '2025-01-24',
    '2025-02-07',
    'Sun 26 Jan 1, Mon 27 2, 28 Jan–4 Feb off, 5–7 Feb 3–5',
  ],
  [
    'shandong-2015',
    'accept-review',
    '2026-09-30',
    '2026-10-10',
    '1–7 Oct off, Thu 8 1, Fri 9 2, Sat 10 Oct (make-up) 3',
  ],
  [
    'shandong-2015',
    'accept-reexamination',
    '2025-05-29',
    '2025-06-04',
    'Fri 30 May 1, 31 May–2 Jun off, 3 Jun 2, 4 Jun 3',
  ],
  [
    'beijing-2006',
    'object',
    '2026-04-29',
    '2026-05-09',
    'Art 35 ¶1 (二): Thu 30 Apr 1, 1–5 May off, Wed 6 2, Thu 7 3, Fri 8 4, Sat 9 May (make-up) 5',
  ],
];

describe('dueDate on the official 2025–2026 calendar', () => {
  it.each(calendarDayRows)('%s %s from %s → %s (%s)', (ruleSetId, key, start, due) => {
    const result = dueDate(getRuleSet(ruleSetId), key, start);
    expect(result.unit).toBe('calendar-days');
    expect(result.dueDate).toBe(due);
    expect(result.provisional).toBe(false);
  });

  it.each(workingDayRows)('%s %s from %s → %s (%s)', (ruleSetId, key, start, due) => {
    const result = dueDate(getRuleSet(ruleSetId), key, start);
    expect(result.unit).toBe('working-days');
    expect(result.dueDate).toBe(due);
    expect(result.provisional).toBe(false);
  });

  it('returns the full result for the lead example (handle, 2026-08-02)', () => {
    const result = dueDate(getRuleSet('national-2022'), 'handle', '2026-08-02');
    expect(result).toMatchObject({
      ruleSetId: 'national-2022',
      ruleSetVersion: getRuleSet('national-2022').version,
      deadlineKey: 'handle',
      startDate: '2026-08-02',
      length: 60,
      unit: 'calendar-days',
      extensionDays: 0,
      pausedDays: 0,
      dueDate: '2026-10-08',
      dueAt: '2026-10-09T00:00:00+08:00',
      provisional: false,
      calendarVersion: 'cn-workdays/chinese-days@1.5.7/2004-2026',
      kind: 'statutory',
      actor: 'handling-unit',
      citation: '信访工作条例 (2022) Art 34',
      // 00:00 of the day 5 and 1 calendar days before the due date.
      warnings: [
        { daysBefore: 5, at: '2026-10-03T00:00:00+08:00', notify: ['handling-unit'] },
        {
          daysBefore: 1,
          at: '2026-10-07T00:00:00+08:00',
          notify: ['handling-unit', 'unit-head', 'case-owning-leader'],
        },
      ],
      // 15 d after 24:00 on 8 Oct.
      expiry: {
        policy: 'supervise',
        escalations: [
          { rung: 1, daysAfter: 15, at: '2026-10-24T00:00:00+08:00', notify: ['joint-conference-office'] },
        ],
      },
    });
    expect(result.explanation).toContain(
      '60 d from 2026-08-02 → 2026-10-01, a public holiday, National Day (国庆节) → next working day 2026-10-08 (Thursday)',
    );
  });

  it('marks petitioner windows as closing on expiry, without supervision', () => {
    const result = dueDate(getRuleSet('national-2022'), 'request-review', '2026-03-02');
    expect(result.expiry).toEqual({ policy: 'lapse-and-close', escalations: [] });
    expect(result.actor).toBe('petitioner');
  });

  it('lets the objection window lapse without closing the case', () => {
    expect(dueDate(getRuleSet('national-2022'), 'object', '2026-03-02').expiry).toEqual({
      policy: 'lapse-and-continue',
      escalations: [],
    });
  });

  it('takes the length of an assigned matter from the assigner, up to the cap (D4)', () => {
    const national = getRuleSet('national-2022');
    // 20 d from Fri 2026-09-18 → Thu 8 Oct is a working day after National Day.
    const result = dueDate(national, 'report-assigned', '2026-09-18', { lengthDays: 20 });
    expect(result).toMatchObject({ length: 20, dueDate: '2026-10-08' });
    expect(result.explanation[0]).toContain('20 d (set for this case)');
    expect(dueDate(national, 'report-assigned', '2026-09-18').length).toBe(30);
    expect(() => dueDate(national, 'report-assigned', '2026-09-18', { lengthDays: 61 })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() => dueDate(national, 'handle', '2026-09-18', { lengthDays: 20 })).toThrow(/fixed length/);
  });

  it('escalates overdue supervision feedback at once (rung 1, 0 days after)', () => {
    const result = dueDate(getRuleSet('national-2022'), 'supervision-feedback', '2026-04-30');
    expect(result.expiry.escalations).toEqual([
      { rung: 1, daysAfter: 0, at: '2026-05-12T00:00:00+08:00', notify: ['joint-conference-office'] },
    ]);
  });

  it('drops warnings that would fall on or before the start date', () => {
    // 3 wd from Thu 2026-03-05 → Tue 10 Mar; the 1-day warning is Mon 9 Mar, after the start.
    const result = dueDate(getRuleSet('shandong-2015'), 'accept-review', '2026-03-05');
    expect(result.dueDate).toBe('2026-03-10');
    expect(result.warnings).toEqual([
      { daysBefore: 1, at: '2026-03-09T00:00:00+08:00', notify: ['review-body'] },
    ]);
    // Henan route, 5 d from Fri 2026-03-06 → Wed 11 Mar; only the 1-day warning, on Tue 10 Mar.
    expect(dueDate(getRuleSet('henan-2012'), 'route', '2026-03-06').warnings).toEqual([
      {
        daysBefore: 1,
        at: '2026-03-10T00:00:00+08:00',
        notify: ['petition-bureau', 'case-owning-leader'],
      },
    ]);
    // Zhejiang route, 5 wd from Fri 2026-03-06 → Fri 13 Mar; no 5-day warning is configured for it.
    expect(
      dueDate(getRuleSet('zhejiang-2016'), 'route', '2026-03-06').warnings.map((w) => w.daysBefore),
    ).toEqual([1]);
  });
});

describe('extensions and pauses', () => {
  const national = getRuleSet('national-2022');

  it.each<[ruleSet: string, start: string, extensionDays: number, due: string, why: string]>([
    ['national-2022', '2026-08-02', 30, '2026-11-02', '90 d → Sat 31 Oct → Mon 2 Nov'],
    ['national-2022', '2025-08-05', 30, '2025-11-03', '90 d → Mon 3 Nov'],
    ['national-2022', '2025-08-05', 10, '2025-10-14', '70 d → Tue 14 Oct'],
    ['zhejiang-2016', '2026-01-20', 60, '2026-04-20', '30 + 60 = 90 d → Mon 20 Apr'],
    ['zhejiang-2016', '2026-01-20', 45, '2026-04-07', '75 d → Sun 5 Apr, Qingming 4–6 Apr → Tue 7 Apr'],
  ])('%s handle from %s extended by %i d → %s (%s)', (ruleSetId, start, extensionDays, due) => {
    const result = dueDate(getRuleSet(ruleSetId), 'handle', start, { extensionDays });
    expect(result.dueDate).toBe(due);
    expect(result.extensionDays).toBe(extensionDays);
    expect(result.explanation.join('\n')).toContain(
      `= ${30 + (ruleSetId === 'national-2022' ? 30 : 0) + extensionDays} d`,
    );
  });

  it.each<
    [ruleSet: string, key: DeadlineKey, start: string, extensionDays: number, due: string, why: string]
  >([
    [
      'beijing-2006',
      'handle',
      '2026-08-02',
      30,
      '2026-11-02',
      'Art 40: 60 + 30 = 90 d → Sat 31 Oct → Mon 2 Nov',
    ],
    [
      'beijing-2006',
      'review',
      '2026-03-02',
      30,
      '2026-05-06',
      'Art 50 ¶4: 30 + 30 = 60 d, 29 d to 31 Mar, 30 to 30 Apr, 1 more → Fri 1 May, Labour Day to 5 May → Wed 6 May',
    ],
    [
      'beijing-2006',
      'reexamine',
      '2025-08-02',
      30,
      '2025-10-09',
      'Art 50 ¶4: 60 d, 29 d to 31 Aug, 30 to 30 Sep, 1 more → Wed 1 Oct, National Day to 8 Oct → Thu 9 Oct',
    ],
    [
      'henan-2012',
      'handle',
      '2025-07-03',
      60,
      '2025-10-09',
      'Art 26 ¶2 (二): 30 + 60 = 90 d, 28 d to 31 Jul, 31 to 31 Aug, 30 to 30 Sep, 1 more → Wed 1 Oct → Thu 9 Oct',
    ],
    [
      'henan-2012',
      'handle',
      '2026-01-20',
      15,
      '2026-03-06',
      '30 + 15 = 45 d, 11 d to 31 Jan, 28 to 28 Feb, 6 more → Fri 6 Mar',
    ],
  ])('%s %s from %s extended by %i d → %s (%s)', (ruleSetId, key, start, extensionDays, due) => {
    const result = dueDate(getRuleSet(ruleSetId), key, start, { extensionDays });
    expect(result.dueDate).toBe(due);
    expect(result.provisional).toBe(false);
    expect(result.explanation.join('\n')).toContain(
      `${result.length} + ${extensionDays} = ${result.length + extensionDays} d`,
    );
  });

  it('extends Beijing review and re-examination opinions by ≤ 30 d each (Art 50 ¶4), hearing time still on top', () => {
    const beijing = getRuleSet('beijing-2006');
    expect(() => dueDate(beijing, 'review', '2026-03-02', { extensionDays: 31 })).toThrow(
      /31 d .*cap of 30 d/,
    );
    // 30 + 30 + 2 hearing days = 62 d from Sun 1 Mar 2026 → Sat 2 May, Labour Day to 5 May → Wed 6 May.
    expect(dueDate(beijing, 'reexamine', '2026-03-01', { extensionDays: 30, pausedDays: 2 }).dueDate).toBe(
      '2026-05-06',
    );
    // The Shanghai and Henan texts give the opinions no extension.
    for (const id of ['shanghai-2012', 'henan-2012']) {
      expect(() => dueDate(getRuleSet(id), 'review', '2026-03-02', { extensionDays: 5 })).toThrow(
        DeadlineNotExtendableError,
      );
    }
  });

  it('holds Henan to 90 d in all: ≤ 60 d of extension on handle, 90 d at most for an assigned matter', () => {
    const henan = getRuleSet('henan-2012');
    expect(() => dueDate(henan, 'handle', '2025-07-03', { extensionDays: 61 })).toThrow(/61 d .*cap of 60 d/);
    // The assigner may set its own period (Art 26 ¶2 (三)): 20 d from Fri 2026-09-18 → Thu 8 Oct.
    expect(dueDate(henan, 'report-assigned', '2026-09-18', { lengthDays: 20 })).toMatchObject({
      length: 20,
      dueDate: '2026-10-08',
    });
    expect(() => dueDate(henan, 'report-assigned', '2026-09-18', { lengthDays: 91 })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() => dueDate(henan, 'report-assigned', '2026-02-01', { extensionDays: 10 })).toThrow(
      DeadlineNotExtendableError,
    );
  });

  it('counts hearing time on top for a re-examination, from the original start', () => {
    // 30 d from 1 Apr 2026 → Fri 1 May, Labour Day → Wed 6 May.
    expect(dueDate(national, 'reexamine', '2026-04-01').dueDate).toBe('2026-05-06');
    // + 4 d → Tue 5 May, still Labour Day → Wed 6 May.
    expect(dueDate(national, 'reexamine', '2026-04-01', { pausedDays: 4 }).dueDate).toBe('2026-05-06');
    // + 8 d → Sat 9 May, a make-up working day.
    expect(dueDate(national, 'reexamine', '2026-04-01', { pausedDays: 8 }).dueDate).toBe('2026-05-09');
    // Shandong Art 44 ¶2: 30 + 10 d from 1 Sep 2025 → Sat 11 Oct, a make-up working day.
    expect(dueDate(getRuleSet('shandong-2015'), 'reexamine', '2025-09-01', { pausedDays: 10 }).dueDate).toBe(
      '2025-10-11',
    );
  });

  it('enforces the extension cap, saying the cap and what was asked', () => {
    const attempt = (): unknown => dueDate(national, 'handle', '2026-08-02', { extensionDays: 31 });
    expect(attempt).toThrow(ExtensionCapExceededError);
    expect(attempt).toThrow(/31 d .*cap of 30 d/);
    expect(() => dueDate(getRuleSet('zhejiang-2016'), 'handle', '2026-01-20', { extensionDays: 61 })).toThrow(
      /61 d .*cap of 60 d/,
    );
    try {
      attempt();
    } catch (err) {
      expect(err).toBeInstanceOf(RulesError);
      expect((err as RulesError).code).toBe('extension_cap_exceeded');
    }
  });

  it('refuses extending a deadline the rule set does not let extend', () => {
    expect(() => dueDate(national, 'review', '2026-03-02', { extensionDays: 5 })).toThrow(
      DeadlineNotExtendableError,
    );
    expect(dueDate(national, 'review', '2026-03-02', { extensionDays: 0 }).dueDate).toBe('2026-04-01');
  });

  it('refuses paused days where a hearing does not stop the clock (first handling)', () => {
    expect(() => dueDate(national, 'handle', '2026-03-02', { pausedDays: 3 })).toThrow(
      DeadlineNotPausableError,
    );
  });

  it.each([
    [{ extensionDays: -1 }],
    [{ pausedDays: -2 }],
    [{ extensionDays: 1.5 }],
    [{ pausedDays: Number.NaN }],
  ])('rejects %j with code invalid_argument', (options) => {
    const key = 'pausedDays' in options ? 'reexamine' : 'handle';
    expect(() => dueDate(national, key, '2026-03-02', options)).toThrow(InvalidArgumentError);
  });
});

describe('invalid input', () => {
  const national = getRuleSet('national-2022');

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-2-3', '20260203', 'tomorrow', ''])(
    'refuses the start date %j with invalid_date',
    (start) => {
      expect(() => dueDate(national, 'handle', start)).toThrow(InvalidDateError);
    },
  );

  it('accepts 29 February in a leap year', () => {
    // 60 d from Thu 2024-02-29 → Mon 2024-04-29 (a working day; the 2024 Labour Day break began 1 May).
    expect(dueDate(national, 'handle', '2024-02-29').dueDate).toBe('2024-04-29');
  });

  it('refuses an unknown key, and a key the rule set lacks', () => {
    expect(() => dueDate(national, 'handel' as DeadlineKey, '2026-03-02')).toThrow(UnknownDeadlineError);
    expect(() => dueDate(national, 'accept-review', '2026-03-02')).toThrow(
      /national-2022 has no deadline 'accept-review' \(defined in: shandong-2015\)/,
    );
  });
});

describe('provisional results outside the official data', () => {
  const national = getRuleSet('national-2022');

  it('marks a 2030 deadline provisional and says why', () => {
    // 60 d from Tue 2030-01-01 → Sat 2 Mar → Mon 4 Mar (weekends only; lunar holidays unknown).
    const result = dueDate(national, 'handle', '2030-01-01');
    expect(result.dueDate).toBe('2030-03-04');
    expect(result.provisional).toBe(true);
    const text = result.explanation.join('\n');
    expect(text).toContain('PROVISIONAL');
    expect(text).toContain('schedule for 2030 is not in the calendar data');
    expect(text).toContain('lunar holidays');
  });

  it('still honours the fixed-date holidays in a provisional year', () => {
    // 15 d from Mon 2030-09-16 → Tue 1 Oct; National Day 1–3 Oct → Fri 4 Oct.
    expect(dueDate(national, 'route', '2030-09-16')).toMatchObject({
      dueDate: '2030-10-04',
      provisional: true,
    });
    // 15 d from Tue 2030-04-16 → Wed 1 May; Labour Day 1–2 May → Fri 3 May.
    expect(dueDate(national, 'route', '2030-04-16')).toMatchObject({
      dueDate: '2030-05-03',
      provisional: true,
    });
  });

  it('is provisional when only the end reaches an uncovered day (late December 2026, 2027)', () => {
    // 60 d from 2026-11-01 → Thu 31 Dec: the 2027 notice could still make it a day off.
    expect(dueDate(national, 'handle', '2026-11-01')).toMatchObject({
      dueDate: '2026-12-31',
      provisional: true,
    });
    // 15 d from 2026-12-20 → Mon 2027-01-04.
    expect(dueDate(national, 'route', '2026-12-20')).toMatchObject({
      dueDate: '2027-01-04',
      provisional: true,
    });
    // 60 d from 2026-10-01 → Mon 30 Nov: settled.
    expect(dueDate(national, 'handle', '2026-10-01')).toMatchObject({
      dueDate: '2026-11-30',
      provisional: false,
    });
  });
});

describe('counting policy settings', () => {
  const withCounting = (counting: Record<string, boolean>) =>
    parseRuleSet({ extends: 'national-2022', id: 'policy-test', counting });

  it('counts the start day as day 1 when excludeStartDay is off', () => {
    const ruleSet = withCounting({ excludeStartDay: false });
    // Day 1 = Sun 2 Aug 2026, day 60 = Wed 30 Sep, a working day.
    expect(dueDate(ruleSet, 'handle', '2026-08-02').dueDate).toBe('2026-09-30');
    // Mon 9 Mar 2026 is working day 1; day 5 is Fri 13 Mar (with the default it would be Mon 16 Mar).
    expect(dueDate(ruleSet, 'object', '2026-03-09').dueDate).toBe('2026-03-13');
    expect(dueDate(getRuleSet('national-2022'), 'object', '2026-03-09').dueDate).toBe('2026-03-16');
  });

  it('leaves a period ending on a holiday where it ends when roll-forward is off', () => {
    const result = dueDate(withCounting({ rollForwardToWorkingDay: false }), 'handle', '2026-08-02');
    expect(result.dueDate).toBe('2026-10-01');
    expect(result.explanation.join('\n')).toContain('roll-forward is off');
  });
});
