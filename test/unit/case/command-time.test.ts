import { commandTime } from '../../../src/case/command-time';

const ms = (iso: string) => Date.parse(iso);
const requested = '2026-11-22T09:17:15.800Z';

describe('the time of a command', () => {
  it('is its request’s time whichever workflow task applies it: a lost speculative one or its redo', () => {
    const lostTask = commandTime(requested, ms('2026-11-22T09:17:15.843Z'), '2026-11-22T09:17:05.245Z');
    const redo = commandTime(requested, ms('2026-11-22T09:17:17.834Z'), '2026-11-22T09:17:05.245Z');
    expect([lostTask, redo]).toEqual([requested, requested]);
  });

  it('is the workflow clock when the request is far from it (a time-skipping test server) or has no time', () => {
    const skipped = ms('2026-12-12T00:00:00.000Z');
    expect(commandTime(requested, skipped, '')).toBe('2026-12-12T00:00:00.000Z');
    expect(commandTime(undefined, ms(requested), '')).toBe(requested);
    expect(commandTime('not a time', ms(requested), '')).toBe(requested);
  });

  it('never dates an event before the case’s latest one', () => {
    const latest = '2026-11-22T09:17:16.000Z';
    expect(commandTime(requested, ms('2026-11-22T09:17:17.000Z'), latest)).toBe(latest);
  });
});
