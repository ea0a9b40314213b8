import { reportFactsOf } from '../../../src/db/report-facts';
import { reportActsOf } from '../../../src/db/report-acts';
import { actors, CaseDriver } from '../../support/case-engine';

/** What the reports count of a case, from the case core's own fold (hand-worked 2026 dates). */
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const reply = { type: 'reply', outcome: 'supported', opinionDocumentId: 'op-1' } as const;

async function acceptedCase(): Promise<CaseDriver> {
  const driver = await new CaseDriver('national-2022', '2026-03-02').register();
  await driver.ok(actors.registrar, route);
  await driver.ok(actors.handler, { type: 'accept', procedure: 'normal' });
  return driver;
}

describe('report facts of a case', () => {
  it('count a reply on the due date as meeting D5 on it, and the acceptance notice on its day', async () => {
    const driver = await acceptedCase();
    const due = driver.deadline('handle')!.dueDate;
    await driver.passUntil(due);
    await driver.ok(actors.handler, reply);
    const facts = reportFactsOf(driver.state);
    expect(facts).toMatchObject({
      handlingUnitId: 'housing',
      acknowledgeDue: driver.deadline('acknowledge')!.dueDate,
      acknowledgedOn: '2026-03-02',
      handleDue: due,
      handledOn: due,
      withdrawn: false,
    });
  });

  it('take the due date as an approved extension moved it', async () => {
    const driver = await acceptedCase();
    const original = driver.deadline('handle')!.dueDate;
    await driver.ok(actors.handler, { type: 'requestExtension', days: 20, reasonDocumentId: 'x' });
    await driver.ok(actors.head, { type: 'approveExtension', extensionId: 'ext-1' });
    const facts = reportFactsOf(driver.state);
    expect(facts.handleDue).toBe(driver.deadline('handle')!.dueDate);
    expect(facts.handleDue! > original).toBe(true);
    expect(facts.handledOn).toBeNull();
  });

  it('mark a withdrawn case, whose cancelled D5 is no limit to miss', async () => {
    const driver = await acceptedCase();
    await driver.ok(actors.handler, { type: 'withdraw', reasonDocumentId: 'w' });
    expect(reportFactsOf(driver.state)).toMatchObject({ withdrawn: true, handleDue: null, status: 'closed' });
  });

  it('count a case not yet routed as having no acceptance limit yet', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    expect(reportFactsOf(driver.state)).toMatchObject({
      handlingUnitId: null,
      acknowledgeDue: null,
      handleDue: null,
      evaluationsInvited: 0,
    });
  });
});

describe('the dated acts of a case (report_acts)', () => {
  it('are none when accepted; a dissatisfied visit, its follow-up and its closing add theirs, dated', async () => {
    const driver = await acceptedCase();
    expect(reportActsOf(driver.state)).toEqual([]);
    driver.today = '2026-03-20';
    await driver.ok(actors.handler, { type: 'reply', outcome: 'explained', opinionDocumentId: 'o' });
    driver.today = '2026-03-25';
    await driver.ok(actors.handler, {
      type: 'recordReturnVisit',
      reached: true,
      satisfaction: 'dissatisfied',
      noteDocumentId: 'v1',
    });
    driver.today = '2026-03-30';
    await driver.ok(actors.handler, {
      type: 'closeFollowUp',
      followUpId: 'follow-up-1',
      noteDocumentId: 'n',
    });
    expect(reportActsOf(driver.state)).toEqual([
      { act: 'return-visit', detail: 'dissatisfied', onDate: '2026-03-25' },
      { act: 'follow-up-opened', detail: null, onDate: '2026-03-25' },
      { act: 'follow-up-closed', detail: null, onDate: '2026-03-30' },
    ]);
  });
});
