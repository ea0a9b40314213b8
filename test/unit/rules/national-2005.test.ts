import { casePolicyOf, getDeadlineRule, getRuleSet, ruleSetForReceipt } from '../../../src/rules';

/** The 2005 regulations (信访条例): what the text sets, what the project adds, and which cases take it. */
describe('national-2005', () => {
  const ruleSet = getRuleSet('national-2005');
  const rule = (key: string) => getDeadlineRule(ruleSet, key);

  it('is in force from 2005-05-01 to 2022-04-30, replaced by national-2022', () => {
    expect(ruleSet.text).toMatchObject({
      title: '信访条例',
      effectiveFrom: '2005-05-01',
      effectiveUntil: '2022-04-30',
      supersededBy: 'national-2022',
    });
    expect(ruleSet.version).toBe('1.0.0');
  });

  it('marks the text’s periods statutory and the project’s own defaults as service norms', () => {
    const statutory = {
      route: 15, // Art 21 ¶1
      acknowledge: 15, // Art 21 ¶3, 22 ¶2: decide whether to accept
      handle: 60, // Art 33
      'request-review': 30, // Art 34
      review: 30,
      'request-reexamination': 30, // Art 35
      reexamine: 30,
      'supervision-feedback': 30, // Art 36 ¶2
    };
    for (const [key, length] of Object.entries(statutory)) {
      expect([key, rule(key).length, rule(key).unit, rule(key).kind]).toEqual([
        key,
        length,
        'calendar-days',
        'statutory',
      ]);
      expect(rule(key).citation).toContain('信访条例 (2005)');
    }
    expect(rule('reexamine').pausable).toBe(true);
    for (const key of [
      'decide-objection',
      'settle-objection',
      'return-visit',
      'evaluation',
      'handle-simplified',
    ]) {
      expect([key, rule(key).kind]).toEqual([key, 'service-norm']);
    }
    expect(ruleSet.deadlines.map((d) => d.key)).not.toContain('object');
    expect(ruleSet.deadlines.map((d) => d.key)).not.toContain('handle-service-norm');
    expect(ruleSet.extension).toMatchObject({
      appliesTo: ['handle'],
      capDays: 30,
      approverRole: 'unit-head',
    });
    expect(casePolicyOf(ruleSet)).toMatchObject({ acceptanceNoticeRequired: true });
    expect(casePolicyOf(ruleSet).closures).toBeUndefined();
  });

  it('is chosen for a national-2022 area’s case received before 2022-05-01, and only there', () => {
    expect(ruleSetForReceipt('national-2022', '2022-04-30')).toBe('national-2005');
    expect(ruleSetForReceipt('national-2022', '2005-05-01')).toBe('national-2005');
    expect(ruleSetForReceipt('national-2022', '2022-05-01')).toBe('national-2022');
    // Before 2005-05-01 too: registration then refuses the date, naming the 2005 set's first day.
    expect(ruleSetForReceipt('national-2022', '2004-12-31')).toBe('national-2005');
    // A provincial text was in force then: its case keeps its set (its gaps filled from national-2022).
    expect(ruleSetForReceipt('zhejiang-2016', '2021-06-01')).toBe('zhejiang-2016');
    expect(ruleSetForReceipt('shanghai-2012', '2012-06-01')).toBe('shanghai-2012');
    // An unknown area set is left to the lookup that refuses it.
    expect(ruleSetForReceipt('atlantis-2020', '2021-06-01')).toBe('atlantis-2020');
  });

  it('leaves the policies of the released versions as they were', () => {
    for (const id of ['national-2022', 'shanghai-2012', 'zhejiang-2016']) {
      for (const version of ['1.2.0', '1.3.0']) {
        const policy = casePolicyOf(getRuleSet(id, version));
        expect(policy).not.toHaveProperty('acceptanceNoticeRequired');
        expect(policy).not.toHaveProperty('closures');
      }
    }
  });
});
