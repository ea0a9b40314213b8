import { gate, offeredCommands } from '../../../src/case';
import { actors, CaseDriver } from '../../support/case-engine';

/** The commands the workbench offers a user on a case: the decision's gate, per actor, status and rule set. */
const { registrar, handler, head, hrHandler, office } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const commands = (driver: CaseDriver, actor: (typeof actors)[keyof typeof actors]) =>
  offeredCommands(driver.state, actor, { today: driver.today, policy: driver.policy }).map(
    (offer) => offer.command,
  );

describe('the commands offered on a case', () => {
  it('follow the case: the bureau routes, then the handling unit accepts, then its head approves an extension', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    expect(commands(driver, registrar)).toContain('route');
    expect(commands(driver, handler)).not.toContain('accept');

    await driver.ok(registrar, route);
    expect(commands(driver, handler)).toContain('accept');
    expect(commands(driver, hrHandler)).toEqual([]);
    expect(commands(driver, registrar)).not.toContain('accept');

    await driver.ok(handler, { type: 'accept', procedure: 'normal' });
    expect(commands(driver, handler)).toEqual(expect.arrayContaining(['requestExtension', 'reply']));
    expect(commands(driver, head)).not.toContain('approveExtension');
    expect(commands(driver, head)).not.toContain('closeFollowUp');
    expect(commands(driver, head)).not.toContain('recordCaseOwnerWork');

    await driver.ok(handler, { type: 'requestExtension', days: 20, reasonDocumentId: 'r' });
    expect(commands(driver, head)).toContain('approveExtension');
    expect(commands(driver, handler)).not.toContain('approveExtension');
  });

  it('offers only what the table’s gate lets through, at every step, for every actor', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    const steps = [
      () => driver.ok(registrar, route),
      () => driver.ok(handler, { type: 'accept', procedure: 'normal' }),
      () => driver.ok(handler, { type: 'reply', outcome: 'explained', opinionDocumentId: 'o' }),
    ];
    for (const step of [async () => undefined, ...steps]) {
      await step();
      for (const actor of [registrar, handler, head, hrHandler, office]) {
        for (const type of commands(driver, actor))
          expect([
            type,
            gate(driver.state, { type, actor, bodyUnitId: actor.unitId } as never, driver.policy),
          ]).toEqual([type, undefined]);
      }
    }
    expect(commands(driver, handler)).toContain('recordReturnVisit');
  });
});
