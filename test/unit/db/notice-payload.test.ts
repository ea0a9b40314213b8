import { foldWithLadder } from '../../../src/db/ladder-projection';
import { CaseDriver } from '../../support/case-engine';

/**
 * The notification a warning writes carries its deadline's date as a field of its own: the mail and SMS
 * built from the notice's safe fields give the date without reading the notice's text.
 */
it("writes a warning's due date into its notification's payload", async () => {
  const driver = await new CaseDriver().register();
  const before = driver.state;
  const fired = await driver.fireNextAlarm(); // the 5-day warning of D1 (route)
  expect(fired.map((e) => e.type)).toEqual(['deadline-warning']);
  const { notifications } = foldWithLadder('XF-2026-000001', before, fired);
  const dueDate = driver.deadline('route')?.dueDate;
  expect(dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(notifications.length).toBeGreaterThan(0);
  for (const n of notifications) {
    expect(n.payload).toEqual(expect.objectContaining({ event: 'deadline-warning', key: 'route', dueDate }));
  }
});
