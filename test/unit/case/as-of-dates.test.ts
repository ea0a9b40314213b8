import { dueDate, getRuleSet, toShanghaiDate } from '../../../src/rules';
import { addDays } from '../../../src/rules/dates';
import { unitDates } from '../../support/as-of';
import { actors, CaseDriver } from '../../support/case-engine';

/**
 * One case through the first instance, its ladder and its aftercare, started on each of the dates on which
 * naive date arithmetic goes wrong (test/support/as-of.ts), with the driver's injected clock. Every expected
 * date comes from the rule engine; the only calendar-day step is "the day after" an expiry at 24:00.
 */
const { registrar, handler, head, cityHandler } = actors;
const national = getRuleSet('national-2022');
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const due = (key: Parameters<typeof dueDate>[1], start: string, opts?: Parameters<typeof dueDate>[3]) =>
  dueDate(national, key, start, opts).dueDate;

describe.each(unitDates())('as of $date, $label', ({ date }) => {
  it('counts D1–D5, the extension, the reply’s windows and the aftercare by the rule set', async () => {
    const driver = await new CaseDriver('national-2022', date).register();
    expect(driver.deadline('route')).toMatchObject({ startDate: date, dueDate: due('route', date) });
    await driver.ok(registrar, route);
    expect(driver.deadline('object')).toMatchObject({ dueDate: due('object', date) });
    expect(driver.deadline('acknowledge')).toMatchObject({ dueDate: due('acknowledge', date) });

    driver.today = addDays(date, 3);
    const acceptedOn = driver.today;
    await driver.ok(handler, { type: 'accept', procedure: 'normal' });
    const handle = dueDate(national, 'handle', acceptedOn);
    expect(driver.deadline('handle')).toMatchObject({
      startDate: acceptedOn,
      dueDate: handle.dueDate,
      provisional: handle.provisional,
    });
    expect(driver.deadline('evaluation')).toMatchObject({ dueDate: due('evaluation', acceptedOn) });

    await driver.ok(handler, { type: 'requestExtension', days: 20, reasonDocumentId: 'r' });
    await driver.ok(head, { type: 'approveExtension', extensionId: 'ext-1' });
    const extended = due('handle', acceptedOn, { extensionDays: 20 });
    expect(driver.deadline('handle')).toMatchObject({ startDate: acceptedOn, dueDate: extended });

    driver.today = addDays(acceptedOn, 30);
    const repliedOn = driver.today;
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    expect(driver.deadline('request-review')).toMatchObject({ dueDate: due('request-review', repliedOn) });
    expect(driver.deadline('return-visit')).toMatchObject({ dueDate: due('return-visit', repliedOn) });
    expect(driver.deadline('evaluation')).toMatchObject({ dueDate: due('evaluation', repliedOn) });

    driver.today = due('request-review', repliedOn);
    await driver.ok(cityHandler, { type: 'requestReview', bodyUnitId: 'city-housing', bodyName: '市住建局' });
    expect(driver.deadline('review')).toMatchObject({ dueDate: due('review', driver.today) });
  });

  it('refuses a request on the day after its window, naming the window’s last day', async () => {
    const driver = await new CaseDriver('national-2022', date).register();
    await driver.ok(registrar, route);
    await driver.ok(handler, { type: 'accept', procedure: 'normal' });
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    const lastDay = due('request-review', date);
    await driver.passUntil(lastDay);
    expect(driver.state.status).toBe('replied');
    driver.today = addDays(lastDay, 1);
    expect(
      await driver.run(cityHandler, { type: 'requestReview', bodyUnitId: 'city-housing', bodyName: '市' }),
    ).toEqual({
      refusal: expect.objectContaining({
        code: 'deadline_passed',
        message: expect.stringContaining(lastDay),
      }),
    });
  });

  it('sends the supervision notice the day after D5 and escalates when the feedback is overdue', async () => {
    const driver = await new CaseDriver('national-2022', date).register();
    await driver.ok(registrar, route);
    await driver.ok(handler, { type: 'accept', procedure: 'simplified' });
    const lastDay = due('handle-simplified', date);
    expect(await driver.passUntil(lastDay)).not.toContainEqual(
      expect.objectContaining({ type: 'supervision-notice' }),
    );
    const [overdue, notice] = (await driver.fireNextAlarm()).filter(
      (e) => 'key' in e && e.key === 'handle-simplified',
    );
    const noticeOn = addDays(lastDay, 1);
    expect([overdue?.type, notice?.type, toShanghaiDate(notice!.at)]).toEqual([
      'deadline-overdue',
      'supervision-notice',
      noticeOn,
    ]);
    const feedbackDue = due('supervision-feedback', noticeOn);
    expect(driver.deadline('supervision-feedback')).toMatchObject({
      startDate: noticeOn,
      dueDate: feedbackDue,
    });
    const fired = await driver.passUntil(addDays(feedbackDue, 1));
    const escalated = fired.find((e) => e.type === 'escalated');
    expect(escalated).toMatchObject({ reason: 'feedback-overdue', escalatedOn: addDays(feedbackDue, 1) });
  });
});
