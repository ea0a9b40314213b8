import type { StoredHead } from '../../../src/db/case-events/head';
import { isOlder, newerWriter } from '../../../src/db/case-events/writer';

const head = (fence: number, attemptAt: string | null): StoredHead => ({
  version: '1',
  case_state: null,
  last_sequence: 3,
  record_fence: fence,
  record_attempt_at: attemptAt === null ? null : new Date(attemptAt),
});

describe('the order of writers', () => {
  const early = '2026-03-02T15:59:59.000Z';
  const late = '2026-03-02T16:00:09.000Z';

  it('orders by place in history first, then by the attempt of the task at that place', () => {
    expect(isOlder({ fence: 8, attemptAt: late }, { fence: 12, attemptAt: early })).toBe(true);
    expect(isOlder({ fence: 12, attemptAt: early }, { fence: 8, attemptAt: late })).toBe(false);
    expect(isOlder({ fence: 8, attemptAt: early }, { fence: 8, attemptAt: late })).toBe(true);
    expect(isOlder({ fence: 8, attemptAt: late }, { fence: 8, attemptAt: late })).toBe(false);
    // A writer from before attempts were recorded is older than any attempt at its place.
    expect(isOlder({ fence: 8, attemptAt: null }, { fence: 8, attemptAt: early })).toBe(true);
  });

  it('keeps the row’s writer when the one writing now is older, so a late write cannot lower it', () => {
    expect(newerWriter(head(12, late), { fence: 8, attemptAt: late })).toEqual({
      fence: 12,
      attemptAt: late,
    });
    expect(newerWriter(head(8, early), { fence: 8, attemptAt: late })).toEqual({ fence: 8, attemptAt: late });
  });
});
