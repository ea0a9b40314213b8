import {
  DEADLINE_KEYS,
  DEFAULT_RULE_SET_ID,
  RuleSetValidationError,
  UnknownRuleSetError,
  getRuleSet,
  listRuleSets,
  parseRuleSet,
  type RuleSet,
} from '../../../src/rules';

function deadline(ruleSet: RuleSet, key: string) {
  const found = ruleSet.deadlines.find((entry) => entry.key === key);
  if (!found) throw new Error(`${ruleSet.id} lacks ${key}`);
  return found;
}

function mutableCopy(
  ruleSet: RuleSet,
): Record<string, unknown> & { deadlines: Array<Record<string, unknown>> } {
  return structuredClone(ruleSet) as unknown as Record<string, unknown> & {
    deadlines: Array<Record<string, unknown>>;
  };
}

describe('rule sets', () => {
  const national = getRuleSet('national-2022');
  const zhejiang = getRuleSet('zhejiang-2016');
  const shandong = getRuleSet('shandong-2015');

  it('lists the seven built-in sets, national first and default, the 2005 one last', () => {
    expect(listRuleSets().map((ruleSet) => ruleSet.id)).toEqual([
      'national-2022',
      'zhejiang-2016',
      'shandong-2015',
      'beijing-2006',
      'shanghai-2012',
      'henan-2012',
      'national-2005',
    ]);
    expect(DEFAULT_RULE_SET_ID).toBe('national-2022');
  });

  it('throws UnknownRuleSetError with its code for an unknown id', () => {
    expect(() => getRuleSet('nowhere-2006')).toThrow(UnknownRuleSetError);
    expect(() => getRuleSet('nowhere-2006')).toThrow(expect.objectContaining({ code: 'unknown_rule_set' }));
  });

  it('gives the national deadlines D1–D10 with the lengths of the 2022 text', () => {
    const lengths = Object.fromEntries(
      national.deadlines.map((rule) => [rule.key, `${rule.length} ${rule.unit}`]),
    );
    expect(lengths).toEqual({
      route: '15 calendar-days',
      acknowledge: '15 calendar-days',
      object: '5 working-days',
      'decide-objection': '5 working-days',
      'settle-objection': '10 working-days',
      'report-assigned': '30 calendar-days',
      handle: '60 calendar-days',
      'handle-simplified': '10 working-days',
      'handle-service-norm': '60 calendar-days',
      'request-review': '30 calendar-days',
      review: '30 calendar-days',
      'request-reexamination': '30 calendar-days',
      reexamine: '30 calendar-days',
      'supervision-feedback': '5 working-days',
      'return-visit': '15 calendar-days',
      evaluation: '15 calendar-days',
      // The case-owning leader's target date (包案): its length is the one the case sets (exactDate).
      'case-owner-target': '30 calendar-days',
      // Carrying out a supported opinion (Art 32 ¶2): the project's default, from 1.4.0 on.
      'carry-out': '60 calendar-days',
      // Issue 22: no text sets it; the project default (15 d, as the return visit).
      'follow-up': '15 calendar-days',
    });
    expect(national.deadlines.find((rule) => rule.key === 'handle')?.appliesTo).toEqual({
      categories: ['complaint'],
      procedure: 'normal',
    });
    expect(national.extension).toMatchObject({
      appliesTo: ['handle'],
      capDays: 30,
      approverRole: 'unit-head',
    });
    expect(national.deadlines.filter((rule) => rule.pausable).map((rule) => rule.key)).toEqual(['reexamine']);
    expect(national.counting).toMatchObject({ excludeStartDay: true, rollForwardToWorkingDay: true });
  });

  it('makes Zhejiang differ only where its text does (Art 20, 23)', () => {
    expect(deadline(zhejiang, 'route')).toMatchObject({ length: 5, unit: 'working-days' });
    expect(deadline(zhejiang, 'acknowledge')).toMatchObject({ length: 5, unit: 'working-days' });
    expect(deadline(zhejiang, 'handle')).toMatchObject({ length: 30, unit: 'calendar-days' });
    expect(zhejiang.extension.capDays).toBe(60);
    for (const key of ['object', 'supervision-feedback', 'return-visit']) {
      expect(deadline(zhejiang, key)).toEqual(deadline(national, key));
    }
    // Art 25 (1): an agreement carried out also meets the review and re-examination deadlines (1.4.0).
    for (const key of ['review', 'reexamine']) {
      const { stopsAt, ...rest } = deadline(zhejiang, key);
      const { stopsAt: nationalStops, ...nationalRest } = deadline(national, key);
      expect(rest).toEqual(nationalRest);
      expect(stopsAt).toEqual([...nationalStops, 'agreement-carried-out']);
    }
    expect(zhejiang.extends).toBe(`national-2022@${national.version}`);
  });

  it('gives Shandong its acceptance decisions and supervision feedback (Art 43, 44, 59)', () => {
    expect(deadline(shandong, 'accept-review')).toMatchObject({
      length: 3,
      unit: 'working-days',
      actor: 'review-body',
    });
    expect(deadline(shandong, 'accept-reexamination')).toMatchObject({ length: 3, unit: 'working-days' });
    expect(deadline(shandong, 'supervision-feedback')).toMatchObject({
      length: 30,
      unit: 'calendar-days',
      kind: 'statutory',
    });
    expect(deadline(shandong, 'handle')).toMatchObject({ length: 60, citation: '山东省信访条例 Art 42 ¶1' });
    expect(shandong.extension).toMatchObject({ capDays: 30, assignedMatterApproverRole: 'assigning-body' });
    // Acceptance decisions sit beside the steps they belong to.
    const keys = shandong.deadlines.map((rule) => rule.key);
    expect(keys.indexOf('accept-review')).toBe(keys.indexOf('request-review') + 1);
    expect(national.deadlines.some((rule) => rule.key === 'accept-review')).toBe(false);
  });

  /** Per deadline, the fields other than citation and note in which a set differs from the national one. */
  function differencesFromNational(ruleSet: RuleSet): Record<string, string[]> {
    const differences: Record<string, string[]> = {};
    for (const rule of ruleSet.deadlines) {
      const own = rule as Record<string, unknown>;
      const base = national.deadlines.find((entry) => entry.key === rule.key) as
        Record<string, unknown> | undefined;
      const fields = [...new Set([...Object.keys(own), ...Object.keys(base ?? {})])]
        .filter((field) => field !== 'citation' && field !== 'note')
        .filter((field) => JSON.stringify(own[field]) !== JSON.stringify(base?.[field]))
        .sort();
      if (fields.length > 0) differences[rule.key] = fields;
    }
    return differences;
  }

  /** Each deadline a set changes, and its extension policy, cite an article of the set's own text. */
  function expectOwnCitations(ruleSet: RuleSet): void {
    const article = `${ruleSet.text.title} Art `;
    for (const key of Object.keys(differencesFromNational(ruleSet))) {
      expect(deadline(ruleSet, key).citation).toContain(article);
    }
    expect(ruleSet.extension.citation).toContain(article);
  }

  describe('Beijing, Shanghai and Henan', () => {
    const beijing = getRuleSet('beijing-2006');
    const shanghai = getRuleSet('shanghai-2012');
    const henan = getRuleSet('henan-2012');

    it('extend the national set and keep its counting, stops and expiry policies', () => {
      for (const ruleSet of [beijing, shanghai, henan]) {
        expect(ruleSet.extends).toBe(`national-2022@${national.version}`);
        expect(ruleSet.counting).toEqual(national.counting);
        expect(ruleSet.deadlines.map((rule) => rule.key)).toEqual(national.deadlines.map((rule) => rule.key));
        for (const rule of ruleSet.deadlines) {
          const base = deadline(national, rule.key);
          expect({ stopsAt: rule.stopsAt, startsAt: rule.startsAt, expiry: rule.expiry }).toEqual({
            stopsAt: base.stopsAt,
            startsAt: base.startsAt,
            expiry: base.expiry,
          });
        }
        expectOwnCitations(ruleSet);
      }
    });

    it('give Beijing the national lengths and ≤ 30 d extensions of the opinions (Art 40, 50)', () => {
      expect(beijing.text).toEqual({
        title: '北京市信访条例',
        year: 2006,
        source: '北京市人大常委会 2006-09-15 修订',
        effectiveFrom: '2007-01-01',
      });
      expect(differencesFromNational(beijing)).toEqual({});
      expect(beijing.extension).toMatchObject({
        appliesTo: ['handle', 'review', 'reexamine'],
        capDays: 30,
        approverRole: 'unit-head',
        petitionerToldReason: true,
      });
      expect(beijing.extension.citation).toMatch(/^北京市信访条例 Art 40 .*; Art 50 ¶4 /);
      // The committee that approves the opinions' extension has no role of its own; the notes say so.
      for (const key of ['review', 'reexamine']) {
        expect(deadline(beijing, key).citation).toContain('北京市信访条例 Art 50');
        expect(deadline(beijing, key).note).toContain('复查、复核委员会, Art 49');
      }
      expect(deadline(beijing, 'handle').citation).toBe('北京市信访条例 Art 40');
      expect(deadline(beijing, 'supervision-feedback').note).toContain('3 working days');
    });

    it('give Shanghai a 30 d statutory supervision feedback (Art 41) and otherwise the national lengths', () => {
      expect(shanghai.text).toMatchObject({
        title: '上海市信访条例',
        year: 2012,
        effectiveFrom: '2013-04-01',
      });
      expect(shanghai.text.source).toContain('2018-05-24 修正');
      expect(differencesFromNational(shanghai)).toEqual({
        'supervision-feedback': ['kind', 'length', 'unit', 'warnings'],
      });
      expect(deadline(shanghai, 'supervision-feedback')).toMatchObject({
        length: 30,
        unit: 'calendar-days',
        kind: 'statutory',
        citation: expect.stringContaining('上海市信访条例 Art 41 ¶2') as unknown,
      });
      expect(shanghai.extension).toEqual({ ...national.extension, citation: shanghai.extension.citation });
      expect(deadline(shanghai, 'handle').citation).toBe('上海市信访条例 Art 37');
      expect(deadline(shanghai, 'review').citation).toBe('上海市信访条例 Art 39 ¶1');
      expect(deadline(shanghai, 'reexamine').citation).toContain('上海市信访条例 Art 40 ¶1');
    });

    it('give Henan 5 d routing and objection, 30 d handling capped at 90 d, 90 d for assigned matters (Art 26)', () => {
      expect(henan.text).toMatchObject({ title: '河南省信访条例', year: 2012, effectiveFrom: '2012-11-29' });
      expect(differencesFromNational(henan)).toEqual({
        route: ['length', 'warnings'],
        object: ['unit'],
        'report-assigned': ['length', 'perCaseLength'],
        handle: ['length'],
      });
      expect(deadline(henan, 'route')).toMatchObject({ length: 5, unit: 'calendar-days' });
      expect(deadline(henan, 'object')).toMatchObject({ length: 5, unit: 'calendar-days' });
      expect(deadline(henan, 'handle')).toMatchObject({ length: 30, unit: 'calendar-days' });
      expect(deadline(henan, 'report-assigned')).toMatchObject({
        length: 90,
        perCaseLength: { maxDays: 90 },
      });
      expect(henan.extension).toMatchObject({
        appliesTo: ['handle'],
        capDays: 60,
        approverRole: 'unit-head',
        assignedMatterApproverRole: 'assigning-body',
      });
      // 30 d + at most 60 d of extension = the 90 d in all of Art 26 ¶2 (二).
      expect(deadline(henan, 'handle').length + henan.extension.capDays).toBe(90);
      expect(deadline(henan, 'handle').citation).toBe('河南省信访条例 Art 26 ¶2 (二)');
      expect(deadline(henan, 'review').citation).toContain('河南省信访条例 Art 27 (一)');
      // Henan has one review only; the re-examination is the national one, and says so.
      expect(deadline(henan, 'reexamine').citation).toBe(deadline(national, 'reexamine').citation);
      expect(deadline(henan, 'reexamine').note).toContain('one review only');
    });
  });

  it('uses only known deadline keys and cites an article for each', () => {
    for (const ruleSet of listRuleSets()) {
      for (const rule of ruleSet.deadlines) {
        expect(DEADLINE_KEYS).toContain(rule.key);
        expect(rule.citation.length).toBeGreaterThan(5);
      }
    }
  });

  it('hands out frozen rule sets, so a caller cannot change the rules for everyone', () => {
    expect(Object.isFrozen(national)).toBe(true);
    expect(Object.isFrozen(national.deadlines[0])).toBe(true);
    expect(Object.isFrozen(national.extension.appliesTo)).toBe(true);
  });
});

describe('parseRuleSet validation', () => {
  const national = getRuleSet('national-2022');

  function problemsOf(raw: unknown): string {
    try {
      parseRuleSet(raw);
    } catch (err) {
      expect(err).toBeInstanceOf(RuleSetValidationError);
      expect((err as RuleSetValidationError).code).toBe('invalid_rule_set');
      return (err as Error).message;
    }
    throw new Error('expected the rule set to be refused');
  }

  it('accepts a valid copy', () => {
    expect(parseRuleSet(mutableCopy(national))).toEqual(national);
  });

  it('names the deadline and field of a bad length', () => {
    const raw = mutableCopy(national);
    raw.deadlines.find((d) => d.key === 'handle')!.length = -60;
    expect(problemsOf(raw)).toMatch(
      /rule set 'national-2022' is invalid: deadlines\[handle\]\.length: Too small/,
    );
  });

  it('names an unknown unit, a misspelt field and a missing section', () => {
    const raw = mutableCopy(national);
    raw.deadlines[0]!.unit = 'business-days';
    raw.deadlines[1]!.lenght = 15;
    delete raw.escalation;
    const message = problemsOf(raw);
    expect(message).toContain('deadlines[route].unit');
    expect(message).toContain('deadlines[acknowledge]: Unrecognized key: "lenght"');
    expect(message).toContain('escalation:');
  });

  it('refuses counting settings the arithmetic does not implement', () => {
    const raw = mutableCopy(national);
    (raw.counting as Record<string, unknown>).timeZone = 'UTC';
    expect(problemsOf(raw)).toContain('counting.timeZone');
  });

  it('refuses escalation rungs out of order and a lapsing window that escalates', () => {
    const raw = mutableCopy(national);
    const expiry = raw.deadlines.find((d) => d.key === 'request-review')!.expiry as Record<string, unknown>;
    expiry.escalations = [{ rung: 2, daysAfter: 1, notify: ['joint-conference-office'] }];
    const message = problemsOf(raw);
    expect(message).toContain('deadlines[request-review].expiry.escalations[0].rung: expected rung 1');
    expect(message).toContain('deadlines[request-review].expiry.policy');
  });

  it('refuses a deadline that stops at the event that starts it', () => {
    const raw = mutableCopy(national);
    raw.deadlines.find((d) => d.key === 'handle')!.stopsAt = ['accepted'];
    expect(problemsOf(raw)).toContain('deadlines[handle].stopsAt');
  });

  it('validates an override after merging it onto its base', () => {
    const override = {
      extends: 'national-2022',
      id: 'test-province',
      version: '1.0.0',
      deadlines: [{ key: 'handle', length: 45 }],
      extension: { appliesTo: ['handle', 'accept-review'] },
    };
    expect(problemsOf(override)).toContain("extension.appliesTo[1]: deadline 'accept-review' is not defined");
    const valid = parseRuleSet({ ...override, extension: { capDays: 15 } });
    expect(valid.deadlines.find((rule) => rule.key === 'handle')?.length).toBe(45);
    expect(valid.extension).toMatchObject({ capDays: 15, appliesTo: ['handle'] });
  });

  it('refuses an override of an unknown base, and a new deadline given only in part', () => {
    expect(problemsOf({ extends: 'mars-2100', id: 'x' })).toContain(
      "extends: no registered rule set 'mars-2100'",
    );
    const partial = { extends: 'national-2022', id: 'y', deadlines: [{ key: 'accept-review', length: 3 }] };
    expect(problemsOf(partial)).toContain('deadlines[accept-review].title');
  });
});
