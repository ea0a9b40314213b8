import type { SessionKind } from '../../../src/db/visit-vocabulary';
import type { AppError } from '../../../src/domain/errors';
import {
  checkRegistrationDay,
  checkRegistrationGroup,
  checkSession,
  checkVisitCounts,
  checkVisitOnCase,
  exactlyOneCase,
  isGroupVisit,
  type VisitCounts,
} from '../../../src/domain/visits/visit-rules';

const TODAY = '2026-03-10';
const visit = (over: Partial<VisitCounts> = {}): VisitCounts => ({
  visitedOn: '2026-03-09',
  batches: 1,
  persons: 2,
  reception: { kind: 'reception' },
  ...over,
});

/** The field a 422 names, or 'passed'. */
function refusal(check: () => unknown): string {
  try {
    check();
    return 'passed';
  } catch (err) {
    const e = err as AppError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation_failed');
    return (e.details as { fields: Array<{ path: string }> }).fields[0]!.path;
  }
}

describe('a visit’s counts (批, 人次, 集体访)', () => {
  it('derives a group visit: one batch of five or more', () => {
    expect(isGroupVisit({ batches: 1, persons: 4 })).toBe(false);
    expect(isGroupVisit({ batches: 1, persons: 5 })).toBe(true);
    expect(isGroupVisit({ batches: 3, persons: 15 })).toBe(false);
    expect(checkVisitCounts(visit({ persons: 5 }), TODAY, 'county')).toBe(true);
    expect(checkVisitCounts(visit({ persons: 4 }), TODAY, 'county')).toBe(false);
  });

  it('refuses counts that do not add up, naming the field', () => {
    expect(refusal(() => checkVisitCounts(visit({ batches: 3, persons: 2 }), TODAY, 'county'))).toBe(
      'persons',
    );
    expect(refusal(() => checkVisitCounts(visit({ persons: 4, group: true }), TODAY, 'county'))).toBe(
      'group',
    );
    expect(
      refusal(() => checkVisitCounts(visit({ batches: 2, persons: 12, group: true }), TODAY, 'county')),
    ).toBe('group');
    expect(refusal(() => checkVisitCounts(visit({ persons: 8, group: false }), TODAY, 'county'))).toBe(
      'group',
    );
    expect(refusal(() => checkVisitCounts(visit({ persons: 8, group: true }), TODAY, 'county'))).toBe(
      'passed',
    );
  });

  it('refuses a visit after today by the caller’s clock', () => {
    expect(refusal(() => checkVisitCounts(visit({ visitedOn: '2026-03-11' }), TODAY, 'county'))).toBe(
      'visitedOn',
    );
    expect(refusal(() => checkVisitCounts(visit({ visitedOn: TODAY }), TODAY, 'county'))).toBe('passed');
  });
});

describe('how a visit was received, or where it went (越级访)', () => {
  it('takes a reception or a destination, exactly one', () => {
    expect(
      refusal(() =>
        checkVisitCounts(
          visit({ reception: { kind: 'reception' }, destination: 'beijing' }),
          TODAY,
          'county',
        ),
      ),
    ).toBe('destination');
    expect(refusal(() => checkVisitCounts(visit({ reception: undefined }), TODAY, 'county'))).toBe(
      'reception',
    );
    expect(
      refusal(() => checkVisitCounts(visit({ reception: undefined, destination: 'city' }), TODAY, 'county')),
    ).toBe('passed');
  });

  it('takes only destinations above the unit’s level', () => {
    const reported = (destination: 'beijing' | 'province' | 'city', level: 'county' | 'city' | 'province') =>
      refusal(() => checkVisitCounts(visit({ reception: undefined, destination }), TODAY, level));
    expect(reported('city', 'city')).toBe('destination');
    expect(reported('province', 'city')).toBe('passed');
    expect(reported('province', 'province')).toBe('destination');
    expect(reported('beijing', 'province')).toBe('passed');
  });

  it('has a session for a reception day, a down-visit and a joint reception, and none otherwise', () => {
    const kind = (k: 'leaderReception' | 'appointment', sessionId?: string) =>
      refusal(() => checkVisitCounts(visit({ reception: { kind: k, sessionId } }), TODAY, 'county'));
    expect(kind('leaderReception')).toBe('reception.sessionId');
    expect(kind('leaderReception', 'rs-1')).toBe('passed');
    expect(kind('appointment', 'rs-1')).toBe('reception.sessionId');
    expect(kind('appointment')).toBe('passed');
  });

  it('takes a session of the unit, of the visit’s kind and day', () => {
    const session: { kind: SessionKind; heldOn: string; unitId: string } = {
      kind: 'downVisit',
      heldOn: '2026-03-09',
      unitId: 'u1',
    };
    const check = (over: Partial<typeof session> | undefined, kind: SessionKind = 'downVisit') =>
      refusal(() => checkSession({ visitedOn: '2026-03-09', kind }, over && { ...session, ...over }, 'u1'));
    expect(check({})).toBe('passed');
    expect(check(undefined)).toBe('reception.sessionId');
    expect(check({ unitId: 'u2' })).toBe('reception.sessionId');
    expect(check({ kind: 'jointReception' })).toBe('reception.kind');
    expect(check({ heldOn: '2026-03-08' })).toBe('visitedOn');
  });
});

describe('the case a visit concerns', () => {
  it('is an existing case or a new registration, exactly one', () => {
    expect(refusal(() => exactlyOneCase(undefined, undefined))).toBe('caseId');
    expect(refusal(() => exactlyOneCase('XF-2026-000001', {}))).toBe('caseId');
    expect(refusal(() => exactlyOneCase('XF-2026-000001', undefined))).toBe('passed');
  });

  it('is visited on or after the day it was received', () => {
    expect(refusal(() => checkVisitOnCase('2026-03-01', '2026-03-02'))).toBe('visitedOn');
    expect(refusal(() => checkVisitOnCase('2026-03-02', '2026-03-02'))).toBe('passed');
  });

  it('is registered on the visit’s day, or later when the visit was reported down', () => {
    expect(refusal(() => checkRegistrationDay({ visitedOn: '2026-03-02' }, '2026-03-03'))).toBe(
      'registration.receivedOn',
    );
    expect(
      refusal(() => checkRegistrationDay({ visitedOn: '2026-03-02', destination: 'beijing' }, '2026-03-05')),
    ).toBe('passed');
    expect(
      refusal(() => checkRegistrationDay({ visitedOn: '2026-03-02', destination: 'beijing' }, '2026-03-01')),
    ).toBe('registration.receivedOn');
  });

  it('registers a group petition of the visit’s persons', () => {
    expect(refusal(() => checkRegistrationGroup({ batches: 1, persons: 6 }, { persons: 7 }))).toBe(
      'registration.group.persons',
    );
    expect(refusal(() => checkRegistrationGroup({ batches: 1, persons: 6 }, { persons: 6 }))).toBe('passed');
    expect(refusal(() => checkRegistrationGroup({ batches: 1, persons: 6 }, undefined))).toBe('passed');
  });
});
