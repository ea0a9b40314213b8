import {
  RuleSetValidationError,
  UnknownRuleSetError,
  casePolicyOf,
  dueDate,
  getRuleSet,
  listRuleSetVersions,
  listRuleSets,
  registerRuleSet,
} from '../../../src/rules';
import { computeDeadlines } from '../../../src/activities/compute-deadline';

/** A released version as raw data, with some of its fields changed: what a bureau would publish next. */
function nextVersionOf(id: string, version: string, change: (raw: any) => void): Record<string, unknown> {
  const raw = JSON.parse(JSON.stringify(getRuleSet(id))) as any;
  raw.version = version;
  change(raw);
  return raw;
}

const withHandleDays = (days: number) => (raw: any) => {
  raw.deadlines.find((d: { key: string }) => d.key === 'handle').length = days;
};

describe('rule-set versions side by side', () => {
  it('keeps every released version of every rule set loadable', () => {
    for (const latest of listRuleSets()) {
      const versions = listRuleSetVersions(latest.id).map((v) => v.version);
      expect(versions.at(-1)).toBe(latest.version);
      for (const version of versions) expect(getRuleSet(latest.id, version).version).toBe(version);
    }
    expect(listRuleSetVersions('national-2022').map((v) => v.version)).toEqual(
      expect.arrayContaining(['1.2.0', '1.3.0']),
    );
  });

  it('gives a case pinned to 1.2.0 the policy it was released with (no date limits)', () => {
    expect(casePolicyOf(getRuleSet('national-2022', '1.2.0')).dateLimits).toBeUndefined();
    expect(casePolicyOf(getRuleSet('national-2022', '1.3.0')).dateLimits).toBeDefined();
  });

  it('names the versions it has when a pinned version is unknown', () => {
    expect(() => getRuleSet('national-2022', '0.9.0')).toThrow(UnknownRuleSetError);
    expect(() => getRuleSet('national-2022', '0.9.0')).toThrow(/national-2022@1\.3\.0/);
  });

  it('computes a pinned case with its version after a release with another length, a new case with the new one', () => {
    const pinned = getRuleSet('national-2022').version;
    const start = '2026-03-02';
    const before = computeDeadlines({
      ruleSetId: 'national-2022',
      ruleSetVersion: pinned,
      requests: [{ key: 'handle', startDate: start, extensionDays: 0 }],
    });

    registerRuleSet(nextVersionOf('national-2022', '9.0.0', withHandleDays(45)));

    const after = computeDeadlines({
      ruleSetId: 'national-2022',
      ruleSetVersion: pinned,
      requests: [{ key: 'handle', startDate: start, extensionDays: 0 }],
    });
    expect(after).toEqual(before);
    const latest = getRuleSet('national-2022');
    expect(latest.version).toBe('9.0.0');
    // The new version's date comes from the rule engine, counted 45 d instead of 60.
    const fresh = computeDeadlines({
      ruleSetId: 'national-2022',
      requests: [{ key: 'handle', startDate: start, extensionDays: 0 }],
    });
    expect(fresh[0]!.dueDate).toBe(dueDate(latest, 'handle', start).dueDate);
    expect(fresh[0]!.dueDate < before[0]!.dueDate).toBe(true);
  });

  it('loads the same version again as a no-op, and refuses a changed or an older one', () => {
    const current = getRuleSet('henan-2012');
    const raw = JSON.parse(JSON.stringify(current));
    expect(registerRuleSet(raw)).toBe(current);
    expect(() => registerRuleSet(nextVersionOf('henan-2012', current.version, withHandleDays(45)))).toThrow(
      /already loaded with other content/,
    );
    expect(() => registerRuleSet(nextVersionOf('henan-2012', '1.0.0', () => {}))).toThrow(
      RuleSetValidationError,
    );
    expect(() => registerRuleSet(nextVersionOf('henan-2012', '1.0.0', () => {}))).toThrow(/older than/);
    expect(getRuleSet('henan-2012')).toBe(current);
  });

  it('extends the base version it names, not the latest', () => {
    registerRuleSet(nextVersionOf('national-2022', '9.1.0', withHandleDays(50)));
    const override = {
      extends: 'national-2022@1.3.0',
      id: 'test-province',
      version: '1.0.0',
      title: 'A province that extends a named national version',
      jurisdiction: 'Test',
    };
    const province = registerRuleSet(override);
    expect(province.deadlines.find((d) => d.key === 'handle')!.length).toBe(60);
    expect(() => registerRuleSet({ ...override, id: 'test-other', extends: 'national-2022@0.1.0' })).toThrow(
      /no registered rule set 'national-2022@0.1.0'/,
    );
  });
});
