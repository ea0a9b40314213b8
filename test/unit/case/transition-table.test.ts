import fc from 'fast-check';
import {
  type Actor,
  type CaseCommandBody,
  type CaseState,
  type CaseStatus,
  holderOf,
  COMMAND_TYPES,
  type CommandType,
  fold,
  initialCaseState,
  isOpen,
  STATUSES,
  TRANSITIONS,
} from '../../../src/case';
import { actors, CaseDriver } from '../../support/case-engine';
import { addDays } from '../../../src/rules/dates';

const {
  registrar,
  supervisor,
  handler,
  head,
  cityHandler: city,
  provinceHandler: province,
  office,
  petitioner,
} = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;

/** A valid command of each type, and who would do it. */
const COMMANDS: { [T in CommandType]: { actor: Actor; body: Extract<CaseCommandBody, { type: T }> } } = {
  route: { actor: registrar, body: route },
  transferOut: {
    actor: registrar,
    body: { type: 'transferOut', bureauUnitId: 'other-bureau', bureauName: '邻县信访局' },
  },
  divert: { actor: registrar, body: { type: 'divert', to: 'arbitration', noticeDocumentId: 'n' } },
  notAccept: { actor: registrar, body: { type: 'notAccept', reason: 'other', noticeDocumentId: 'n' } },
  object: { actor: handler, body: { type: 'object', reasonDocumentId: 'r' } },
  decideObjection: { actor: registrar, body: { type: 'decideObjection', decision: 'upheld' } },
  accept: { actor: handler, body: { type: 'accept', procedure: 'normal' } },
  setProcedure: { actor: handler, body: { type: 'setProcedure', procedure: 'normal' } },
  setCaseOwner: {
    actor: supervisor,
    body: {
      type: 'setCaseOwner',
      leader: 'l',
      handler: 'handler',
      targetDate: '2026-04-30',
      taskDocumentId: 't',
    },
  },
  requestExtension: { actor: handler, body: { type: 'requestExtension', days: 10, reasonDocumentId: 'r' } },
  approveExtension: { actor: head, body: { type: 'approveExtension', extensionId: 'ext-1' } },
  refuseExtension: { actor: head, body: { type: 'refuseExtension', extensionId: 'ext-1' } },
  reply: { actor: handler, body: { type: 'reply', outcome: 'explained', opinionDocumentId: 'o' } },
  withdraw: { actor: registrar, body: { type: 'withdraw', reasonDocumentId: 'w' } },
  requestReview: {
    actor: city,
    body: { type: 'requestReview', bodyUnitId: 'city-housing', bodyName: '市住建局' },
  },
  acceptReviewRequest: { actor: city, body: { type: 'acceptReviewRequest' } },
  refuseReviewRequest: { actor: city, body: { type: 'refuseReviewRequest', reasonDocumentId: 'r' } },
  reviewOpinion: { actor: city, body: { type: 'reviewOpinion', outcome: 'upheld', opinionDocumentId: 'r' } },
  requestReexamination: {
    actor: province,
    body: { type: 'requestReexamination', bodyUnitId: 'province-housing', bodyName: '省住建厅' },
  },
  acceptReexaminationRequest: { actor: province, body: { type: 'acceptReexaminationRequest' } },
  refuseReexaminationRequest: {
    actor: province,
    body: { type: 'refuseReexaminationRequest', reasonDocumentId: 'r' },
  },
  openHearing: { actor: province, body: { type: 'openHearing' } },
  closeHearing: { actor: province, body: { type: 'closeHearing', hearingId: 'hearing-1' } },
  reexaminationOpinion: {
    actor: province,
    body: { type: 'reexaminationOpinion', outcome: 'upheld', opinionDocumentId: 'x' },
  },
  supervisionFeedback: {
    actor: handler,
    body: { type: 'supervisionFeedback', itemId: 'route-1', reportDocumentId: 'f', targetDate: '2026-03-20' },
  },
  listSupervision: {
    actor: office,
    body: { type: 'listSupervision', itemId: 'route-1', correctBy: '2026-03-20', noteDocumentId: 'l' },
  },
  instructSupervision: {
    actor: office,
    body: {
      type: 'instructSupervision',
      itemId: 'route-1',
      unitId: 'housing',
      unitName: '住建局',
      instructionDocumentId: 'i',
    },
  },
  settleObjection: {
    actor: office,
    body: { type: 'settleObjection', decision: 'upheld', noteDocumentId: 's' },
  },
  recordReturnVisit: {
    actor: handler,
    body: { type: 'recordReturnVisit', reached: true, satisfaction: 'satisfied', noteDocumentId: 'v' },
  },
  evaluate: {
    actor: petitioner,
    body: { type: 'evaluate', subject: 'acceptance-notice', grade: 'satisfied' },
  },
  closeOnVerification: {
    actor: supervisor,
    body: {
      type: 'closeOnVerification',
      checkingUnitId: 'district-government',
      checkingUnitName: '区人民政府',
      conclusionDocumentId: 'c',
    },
  },
  closeOnAgreement: {
    actor: handler,
    body: {
      type: 'closeOnAgreement',
      agreementDocumentId: 'a',
      agreedOn: '2026-03-02',
      carriedOutOn: '2026-03-02',
    },
  },
  setPriority: {
    actor: supervisor,
    body: { type: 'setPriority', level: 'first', majorUrgent: true, reasonDocumentId: 'r' },
  },
  supervise: {
    actor: office,
    body: { type: 'supervise', kind: 'supervise', ground: 'delaying', noteDocumentId: 'n' },
  },
  recordCaseOwnerWork: {
    // The bureau's supervisor, named the case-owning leader where this command is tried (caseReaching).
    actor: supervisor,
    body: { type: 'recordCaseOwnerWork', kind: 'investigation', doneOn: '2026-03-02', noteDocumentId: 'n' },
  },
  recordResolution: {
    actor: handler,
    body: {
      type: 'recordResolution',
      measures: [{ measure: 'educated' }],
      stoppedPetitioning: { on: '2026-03-02' },
    },
  },
  recordCarriedOut: {
    actor: handler,
    body: { type: 'recordCarriedOut', carriedOutOn: '2026-03-02', reportDocumentId: 'r' },
  },
  closeFollowUp: {
    actor: handler,
    body: { type: 'closeFollowUp', followUpId: 'follow-up-1', noteDocumentId: 'f' },
  },
  merge: { actor: registrar, body: { type: 'merge', intoCaseId: 'XF-2026-000099', reasonDocumentId: 'r' } },
  unmerge: { actor: registrar, body: { type: 'unmerge', reasonDocumentId: 'r' } },
};

/** The record of how the matter ended: tried on a closed case that a supported opinion keeps open. */
const RESOLUTION_COMMANDS: CommandType[] = ['recordResolution', 'recordCarriedOut'];

/** Commands only a provincial rule set offers: the table is tried on a case of that set. */
const PROVINCIAL: Partial<Record<CommandType, string>> = {
  closeOnVerification: 'shanghai-2012',
  closeOnAgreement: 'zhejiang-2016',
};

/** Commands on a supervision item: the cases they are tried on get one (at the office, but for feedback). */
const ITEM_COMMANDS: CommandType[] = ['supervisionFeedback', 'listSupervision', 'instructSupervision'];

async function withItem(driver: CaseDriver, type: CommandType): Promise<CaseDriver> {
  if (!ITEM_COMMANDS.includes(type) || driver.state.status === 'closed') return driver;
  const on = driver.today;
  await driver.apply([
    { type: 'supervision-notice', key: 'route', unitId: 'housing', itemId: 'route-1', noticeOn: on },
  ]);
  if (type === 'supervisionFeedback') return driver;
  await driver.apply([
    { type: 'escalated', key: 'route', to: 'joint-conference-office', itemId: 'route-1', escalatedOn: on },
  ]);
  return driver;
}

const ACCEPTANCE_STATUSES: CaseStatus[] = ['review-requested', 'reexamination-requested'];
const EXTENSION_COMMANDS: CommandType[] = ['requestExtension', 'approveExtension', 'refuseExtension'];
const BODY_STAGES: CaseStatus[] = ['under-review', 'under-reexamination'];
const BODY_HEADS: Partial<Record<CaseStatus, Actor>> = {
  'under-review': actors.cityHead,
  'under-reexamination': actors.provinceHead,
};

/** A case in the given status, prepared so that the command's own preconditions hold there. */
async function caseIn(status: CaseStatus, type: CommandType): Promise<CaseDriver> {
  return withFollowUp(await withItem(await caseReaching(status, type), type), type);
}

/** A follow-up to close, opened as a dissatisfied evaluation opens one. */
async function withFollowUp(driver: CaseDriver, type: CommandType): Promise<CaseDriver> {
  if (type !== 'closeFollowUp' || driver.state.status === 'closed') return driver;
  const cause = { kind: 'evaluation', subject: 'acceptance-notice' } as const;
  await driver.apply([
    { type: 'follow-up-opened', followUpId: 'follow-up-1', openedOn: driver.today, cause },
  ]);
  return driver;
}

async function caseReaching(status: CaseStatus, type: CommandType): Promise<CaseDriver> {
  // Only Shandong has the acceptance step of the review bodies (Art 43–44).
  const ruleSetId = ACCEPTANCE_STATUSES.includes(status)
    ? 'shandong-2015'
    : EXTENSION_COMMANDS.includes(type) && BODY_STAGES.includes(status)
      ? 'beijing-2006' // Only Beijing's bodies extend D8 and D10 (Art 50 ¶4).
      : (PROVINCIAL[type] ?? 'national-2022');
  const driver = await new CaseDriver(ruleSetId).register();
  if (type === 'recordCaseOwnerWork') {
    await driver.ok(supervisor, { ...COMMANDS.setCaseOwner.body, leader: supervisor.login });
  }
  if (status === 'registered') return driver;
  await driver.ok(registrar, route);
  if (status === 'objected') await driver.ok(handler, { type: 'object', reasonDocumentId: 'r' });
  if (status === 'transferred' || status === 'objected') return driver;
  const simplified = type === 'setProcedure' && status === 'accepted';
  await driver.ok(handler, { type: 'accept', procedure: simplified ? 'simplified' : 'normal' });
  if (status === 'accepted' && (type === 'approveExtension' || type === 'refuseExtension')) {
    await driver.ok(handler, { type: 'requestExtension', days: 10, reasonDocumentId: 'r' });
  }
  if (status === 'accepted') return driver;
  if (status === 'closed' && type === 'unmerge') {
    await driver.ok(registrar, COMMANDS.merge.body);
    return driver;
  }
  if (status === 'closed') {
    if (RESOLUTION_COMMANDS.includes(type)) {
      await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    }
    await driver.ok(handler, { type: 'withdraw', reasonDocumentId: 'w' });
    return driver;
  }
  await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
  if (status === 'replied') return driver;
  await driver.ok(city, COMMANDS.requestReview.body);
  if (status === 'review-requested') return driver;
  if (driver.state.status === 'review-requested') await driver.ok(city, COMMANDS.acceptReviewRequest.body);
  if (status === 'under-review') {
    await withStageExtension(driver, status, type);
    return driver;
  }
  await driver.ok(city, COMMANDS.reviewOpinion.body);
  if (status === 'reviewed') return driver;
  await driver.ok(province, COMMANDS.requestReexamination.body);
  if (status === 'reexamination-requested') return driver;
  if (driver.state.status === 'reexamination-requested') {
    await driver.ok(province, COMMANDS.acceptReexaminationRequest.body);
  }
  if (type === 'closeHearing') await driver.ok(province, COMMANDS.openHearing.body);
  await withStageExtension(driver, status, type);
  return driver;
}

/** At a body's stage its own handler asks for the extension, and its head decides. */
async function withStageExtension(driver: CaseDriver, status: CaseStatus, type: CommandType) {
  if (!BODY_STAGES.includes(status) || (type !== 'approveExtension' && type !== 'refuseExtension')) return;
  const body = { type: 'requestExtension', days: 10, reasonDocumentId: 'r' } as const;
  await driver.ok(status === 'under-review' ? city : province, body);
}

/** The unit-side actor once the case left the bureau (withdrawal by whoever holds the case). */
function actorFor(type: CommandType, status: CaseStatus): Actor {
  if (type === 'closeOnAgreement' && ['review-requested', 'under-review', 'reviewed'].includes(status))
    return city;
  if (type === 'closeOnAgreement' && ['reexamination-requested', 'under-reexamination'].includes(status))
    return province;
  if (type === 'withdraw' && ['review-requested', 'under-review', 'reviewed'].includes(status)) return city;
  if (type === 'withdraw' && ['reexamination-requested', 'under-reexamination'].includes(status))
    return province;
  if ((type === 'withdraw' || type === 'divert' || type === 'notAccept') && status !== 'registered')
    return handler;
  if (type === 'setCaseOwner' && status !== 'registered') return head;
  if (type === 'requestExtension' && status === 'under-review') return city;
  if (type === 'requestExtension' && status === 'under-reexamination') return province;
  if (type === 'approveExtension' || type === 'refuseExtension') return BODY_HEADS[status] ?? head;
  return COMMANDS[type].actor;
}

/** The statuses the table says a command leads to from a status. */
function leadsTo(type: CommandType, from: CaseStatus): readonly CaseStatus[] {
  const to = TRANSITIONS[type].to;
  return to === 'same' ? [from] : typeof to === 'string' ? [to] : to;
}

describe('the transition table', () => {
  const cases = COMMAND_TYPES.flatMap((type) => STATUSES.map((status) => [type, status] as const));
  it.each(cases)('%s in status %s: allowed exactly where the table says', async (type, status) => {
    const driver = await caseIn(status, type);
    const before = driver.state;
    const result = await driver.run(actorFor(type, status), COMMANDS[type].body);
    if (TRANSITIONS[type].from.includes(status)) {
      expect(result).toHaveProperty('events');
      expect(leadsTo(type, status)).toContain(driver.state.status);
      const emitted = 'events' in result ? result.events.map((e) => e.type) : [];
      for (const emittedType of emitted.filter((t) => !t.startsWith('deadline-'))) {
        expect(TRANSITIONS[type].emits).toContain(emittedType);
      }
    } else {
      expect(result).toEqual({ refusal: expect.objectContaining({ code: 'transition_not_allowed' }) });
      expect(driver.state).toBe(before);
    }
  });

  it('refuses anyone who is not the party the table names', async () => {
    const driver = await caseIn('accepted', 'reply');
    const stranger: Actor = { login: 'x', unitId: 'elsewhere', roles: ['handler', 'unit-head', 'registrar'] };
    for (const type of COMMAND_TYPES) {
      const result = await driver.run(stranger, COMMANDS[type].body);
      if (TRANSITIONS[type].from.includes('accepted')) {
        expect(result).toEqual({ refusal: expect.objectContaining({ code: 'not_responsible' }) });
      }
    }
  });

  it('gives every command a distinct route', () => {
    const paths = COMMAND_TYPES.map((type) => TRANSITIONS[type].path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
function mostlyAbsent<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });
}

/** Stands for the newest extension of the case, so that decisions on extensions are not all misses. */
const LATEST = 'latest';
/** A date relative to the case's today when the command runs ('+30' = 30 days ahead), resolved below. */
const ahead = (days: number) => `+${days}`;
const ago = (days: number) => `-${days}`;
const RELATIVE = /^[+-]\d+$/;
function resolveDates<T extends object>(payload: T, today: string): T {
  const resolve = (value: unknown): unknown =>
    typeof value === 'string' && RELATIVE.test(value)
      ? addDays(today, Number(value))
      : Array.isArray(value)
        ? value.map(resolve)
        : value && typeof value === 'object'
          ? resolveDates(value, today)
          : value;
  return Object.fromEntries(Object.entries(payload).map(([field, value]) => [field, resolve(value)])) as T;
}

/** A payload for every command; each step uses the one of the command it picks. */
type Payloads = { [T in CommandType]: Extract<CaseCommandBody, { type: T }> };
/** Added after the draws (a map draws nothing), so that the seed draws the other payloads as before. */
const LATER_PAYLOADS: Pick<Payloads, 'supervise'> = {
  supervise: { type: 'supervise', kind: 'supervise', ground: 'shirking', noteDocumentId: 'n' },
};
const payloadsArb = fc
  .record<Omit<Payloads, keyof typeof LATER_PAYLOADS>>({
    route: fc.record({
      type: fc.constant('route' as const),
      unitId: pick('housing', 'housing', 'hr', 'bureau'),
      unitName: fc.constant('u'),
      mode: pick('transfer' as const, 'assign' as const),
      reportDays: mostlyAbsent(fc.integer({ min: -1, max: 70 })),
    }),
    transferOut: fc.record({
      type: fc.constant('transferOut' as const),
      bureauUnitId: pick('other-bureau', 'bureau'),
      bureauName: fc.constant('b'),
    }),
    divert: fc.record({
      type: fc.constant('divert' as const),
      to: pick('litigation' as const),
      noticeDocumentId: fc.constant('n'),
    }),
    notAccept: fc.record({
      type: fc.constant('notAccept' as const),
      reason: pick('other' as const),
      noticeDocumentId: fc.constant('n'),
    }),
    object: fc.record({ type: fc.constant('object' as const), reasonDocumentId: fc.constant('r') }),
    decideObjection: fc.record({
      type: fc.constant('decideObjection' as const),
      decision: pick('upheld' as const, 'rerouted' as const),
      unitId: fc.option(pick('hr', 'housing'), { nil: undefined }),
    }),
    accept: fc.record({
      type: fc.constant('accept' as const),
      procedure: pick('normal' as const, 'simplified' as const),
    }),
    setProcedure: fc.record({
      type: fc.constant('setProcedure' as const),
      procedure: pick('normal' as const, 'simplified' as const),
    }),
    setCaseOwner: fc.record({
      type: fc.constant('setCaseOwner' as const),
      leader: fc.constant('leader'),
      handler: fc.constant('handler'),
      targetDate: pick(ago(1), ahead(30), ahead(90), ahead(91)),
      taskDocumentId: fc.constant('t'),
    }),
    requestExtension: fc.record({
      type: fc.constant('requestExtension' as const),
      days: fc.oneof(fc.integer({ min: 1, max: 15 }), fc.integer({ min: -1, max: 40 })),
      reasonDocumentId: fc.constant('r'),
    }),
    approveExtension: fc.record({
      type: fc.constant('approveExtension' as const),
      extensionId: pick('ext-1', 'ext-2', 'ext-3'),
    }),
    refuseExtension: fc.record({
      type: fc.constant('refuseExtension' as const),
      extensionId: pick('ext-1', 'ext-2', 'ext-3'),
    }),
    reply: fc.record({
      type: fc.constant('reply' as const),
      outcome: pick('supported' as const),
      opinionDocumentId: fc.constant('o'),
    }),
    withdraw: fc.record({ type: fc.constant('withdraw' as const), reasonDocumentId: fc.constant('w') }),
    requestReview: fc.constant(COMMANDS.requestReview.body),
    acceptReviewRequest: fc.constant(COMMANDS.acceptReviewRequest.body),
    refuseReviewRequest: fc.constant(COMMANDS.refuseReviewRequest.body),
    reviewOpinion: fc.record({
      type: fc.constant('reviewOpinion' as const),
      outcome: pick('upheld' as const, 'changed' as const, 'revoked' as const),
      opinionDocumentId: fc.constant('r'),
    }),
    requestReexamination: fc.constant(COMMANDS.requestReexamination.body),
    acceptReexaminationRequest: fc.constant(COMMANDS.acceptReexaminationRequest.body),
    refuseReexaminationRequest: fc.constant(COMMANDS.refuseReexaminationRequest.body),
    openHearing: fc.constant(COMMANDS.openHearing.body),
    closeHearing: fc.record({
      type: fc.constant('closeHearing' as const),
      hearingId: pick(LATEST, LATEST, 'hearing-9'),
    }),
    reexaminationOpinion: fc.constant(COMMANDS.reexaminationOpinion.body),
    supervisionFeedback: fc.record({
      type: fc.constant('supervisionFeedback' as const),
      itemId: pick(LATEST, LATEST, 'handle-9'),
      reportDocumentId: fc.constant('f'),
      targetDate: pick(ago(1), ahead(0), ahead(20), ahead(31)),
    }),
    listSupervision: fc.record({
      type: fc.constant('listSupervision' as const),
      itemId: pick(LATEST, LATEST, 'handle-9'),
      correctBy: pick(ahead(0), ahead(1), ahead(30), ahead(400)),
      noteDocumentId: fc.constant('l'),
    }),
    instructSupervision: fc.record({
      type: fc.constant('instructSupervision' as const),
      itemId: pick(LATEST, LATEST, 'handle-9'),
      unitId: fc.constant('housing'),
      unitName: fc.constant('住建局'),
      instructionDocumentId: fc.constant('i'),
    }),
    settleObjection: fc.record({
      type: fc.constant('settleObjection' as const),
      decision: pick('upheld' as const, 'rerouted' as const),
      unitId: fc.option(pick('hr', 'housing'), { nil: undefined }),
      noteDocumentId: fc.constant('s'),
    }),
    recordReturnVisit: fc.record({
      type: fc.constant('recordReturnVisit' as const),
      reached: fc.boolean(),
      satisfaction: fc.option(pick('satisfied' as const, 'dissatisfied' as const), { nil: undefined }),
      noteDocumentId: fc.constant('v'),
    }),
    evaluate: fc.record({
      type: fc.constant('evaluate' as const),
      subject: pick('acceptance-notice' as const, 'written-reply' as const),
      grade: pick('satisfied' as const, 'basically-satisfied' as const, 'dissatisfied' as const),
    }),
    closeOnVerification: fc.constant(COMMANDS.closeOnVerification.body),
    // Constants draw nothing: the other commands' payloads (and the fixed seed's run) stay as they were.
    closeOnAgreement: fc.constant({
      type: 'closeOnAgreement' as const,
      agreementDocumentId: 'a',
      agreedOn: ago(0),
      carriedOutOn: ago(0),
    }),
    setPriority: fc.record({
      type: fc.constant('setPriority' as const),
      level: pick('first', 'second', 'ordinary'),
      majorUrgent: mostlyAbsent(fc.boolean()),
      reasonDocumentId: fc.constant('r'),
    }),
    recordCaseOwnerWork: fc.record({
      type: fc.constant('recordCaseOwnerWork' as const),
      kind: pick('investigation', 'handling', 'education', 'petitioner-stopped'),
      doneOn: pick(ago(0), ago(1), ahead(1)),
      noteDocumentId: fc.constant('n'),
    }),
    recordResolution: fc.record({
      type: fc.constant('recordResolution' as const),
      measures: mostlyAbsent(
        fc.subarray(
          [
            { measure: 'resolved' as const },
            { measure: 'educated' as const },
            { measure: 'aided' as const, aidKind: 'legal-aid' as const },
            { measure: 'lawfully-handled' as const, lawfulHandling: 'dissuaded' as const },
          ],
          { minLength: 1 },
        ),
      ),
      agreement: mostlyAbsent(
        fc.record({
          kind: pick('mediation' as const, 'settlement' as const),
          agreedOn: fc.constant(ago(0)),
          agreementDocumentId: fc.constant('a'),
        }),
      ),
      stoppedPetitioning: fc.option(fc.record({ on: fc.constant(ago(0)) }), { nil: undefined }),
    }),
    recordCarriedOut: fc.record({
      type: fc.constant('recordCarriedOut' as const),
      carriedOutOn: pick(ago(0), ago(400)),
      reportDocumentId: fc.constant('r'),
    }),
    closeFollowUp: fc.constant({ ...COMMANDS.closeFollowUp.body, followUpId: LATEST }),
    merge: fc.record({
      type: fc.constant('merge' as const),
      intoCaseId: fc.constant('XF-2026-000099'),
      reasonDocumentId: fc.constant('r'),
    }),
    unmerge: fc.record({ type: fc.constant('unmerge' as const), reasonDocumentId: fc.constant('r') }),
  })
  .map((payloads): Payloads => ({ ...payloads, ...LATER_PAYLOADS }));

const CLOSING: CommandType[] = [
  'divert',
  'notAccept',
  'withdraw',
  'closeOnVerification',
  'closeOnAgreement',
  'merge',
];
/** Drawn as rarely as the closures: the record of how a matter ended, allowed in most statuses, comes once. */
const RARE: CommandType[] = [...CLOSING, ...RESOLUTION_COMMANDS];

/**
 * A step of a random case: mostly a command the table allows in the current status (closing ones rarely,
 * else cases would end at once), sometimes any command at all, sometimes time passing to the next alarm.
 */
const stepArb = fc.record({
  choice: fc.noBias(fc.nat()),
  /** One step in ten may close the case. */
  mayClose: fc.noBias(fc.integer({ min: 0, max: 9 })).map((n) => n === 0),
  kind: fc.oneof(
    { arbitrary: fc.constant('allowed' as const), weight: 6 },
    { arbitrary: fc.constant('any' as const), weight: 1 },
    { arbitrary: fc.constant('time-passes' as const), weight: 1 },
  ),
  payloads: payloadsArb,
});

function commandFor(
  step: { choice: number; kind: string; mayClose: boolean },
  state: CaseState,
): CommandType {
  const { status } = state;
  // A pending extension is usually decided next, as it would be in an office.
  if (
    step.kind === 'allowed' &&
    state.extensions.some((x) => x.status === 'pending') &&
    step.choice % 3 !== 0
  ) {
    return step.choice % 2 === 0 ? 'approveExtension' : 'refuseExtension';
  }
  // So is a request waiting for the body's decision (Shandong): accepted or refused.
  if (step.kind === 'allowed' && ACCEPTANCE_STATUSES.includes(status) && step.choice % 3 !== 0) {
    const review = status === 'review-requested';
    if (step.choice % 2 === 0) return review ? 'acceptReviewRequest' : 'acceptReexaminationRequest';
    return review ? 'refuseReviewRequest' : 'refuseReexaminationRequest';
  }
  // So is an open hearing closed.
  if (
    step.kind === 'allowed' &&
    state.reexamination?.hearings.some((h) => !h.closedOn) &&
    step.choice % 3 !== 0
  ) {
    return 'closeHearing';
  }
  // A manual 督办 (any open case) is tried one allowed step in twenty, outside the pool: in the pool it would
  // change every other draw of the seed.
  if (step.kind === 'allowed' && step.choice % 20 === 19 && TRANSITIONS.supervise.from.includes(status)) {
    return 'supervise';
  }
  // A provincial closure is drawn only in a case of its rule set (elsewhere the core refuses it anyway), and
  // a follow-up is closed only where one is open (else the draws of the deeper commands thin out).
  const offered = COMMAND_TYPES.filter(
    (t) =>
      t !== 'supervise' &&
      (PROVINCIAL[t] ?? state.ruleSetId) === state.ruleSetId &&
      (t !== 'closeFollowUp' || state.followUps?.some((f) => f.status === 'open')),
  );
  const allowed = offered.filter(
    (t) =>
      step.kind === 'any' || (TRANSITIONS[t].from.includes(status) && (!RARE.includes(t) || step.mayClose)),
  );
  const pool = allowed.length > 0 ? allowed : offered;
  return pool[step.choice % pool.length]!;
}

const REVIEW_COMMANDS: CommandType[] = [
  'requestReview',
  'acceptReviewRequest',
  'refuseReviewRequest',
  'reviewOpinion',
];
const REEXAMINATION_COMMANDS: CommandType[] = [
  'requestReexamination',
  'acceptReexaminationRequest',
  'refuseReexaminationRequest',
  'openHearing',
  'closeHearing',
  'reexaminationOpinion',
];

/** Mostly the one who should act (else every sequence would stop at the first step); sometimes anyone. */
function rightActor(type: CommandType, driver: CaseDriver): Actor {
  if (type === 'evaluate') return petitioner;
  if (['listSupervision', 'instructSupervision', 'settleObjection'].includes(type)) return office;
  if (type === 'supervisionFeedback') {
    const unit = driver.state.supervision?.at(-1)?.unitId;
    return unit === 'bureau' ? supervisor : unit === 'hr' ? actors.hrHandler : handler;
  }
  if (REVIEW_COMMANDS.includes(type)) return city;
  if (REEXAMINATION_COMMANDS.includes(type)) return province;
  if (type === 'closeOnVerification') return supervisor;
  if (type === 'supervise') {
    // The bureau's own 督办 goes to a unit holding the case; the office's may go to the bureau itself.
    const bureauHolds = driver.state.status === 'registered' || driver.state.bureauUnitId === 'other-bureau';
    return bureauHolds ? office : supervisor;
  }
  if (type === 'recordCaseOwnerWork') return supervisor;
  if (type === 'setPriority') {
    return driver.state.bureauUnitId === 'other-bureau' ? actors.otherRegistrar : supervisor;
  }
  const holder = holderOf(driver.state);
  const byHolder = type === 'withdraw' || type === 'closeOnAgreement';
  if (byHolder && holder === 'city-housing') return city;
  if (byHolder && holder === 'province-housing') return province;
  const bureauSide =
    ['route', 'decideObjection', 'merge', 'unmerge'].includes(type) || driver.state.status === 'registered';
  // After a transfer out (转出) the receiving bureau acts.
  if (bureauSide) return driver.state.bureauUnitId === 'other-bureau' ? actors.otherRegistrar : registrar;
  const unit = driver.state.handlingUnitId === 'hr' ? [actors.hrHandler, actors.hrHead] : [handler, head];
  return type === 'approveExtension' || type === 'refuseExtension' ? unit[1]! : unit[0]!;
}
const actorArb = mostlyAbsent(pick<Actor>(...Object.values(actors)));

describe('random command sequences', () => {
  it('never reach a state the table forbids, and folding the events reproduces the case', async () => {
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('national-2022', 'shandong-2015'),
        fc.array(fc.tuple(stepArb, actorArb), { minLength: 8, maxLength: 64, size: 'large' }),
        async (ruleSetId, steps) => {
          const driver = await new CaseDriver(ruleSetId).register();
          for (const [step, actor] of steps) {
            if (step.kind === 'time-passes') {
              if (driver.state.deadlines.some((d) => d.status === 'running')) await driver.fireNextAlarm();
              continue;
            }
            const type = commandFor(step, driver.state);
            const before = driver.state;
            const payload = resolveDates(step.payloads[type], driver.today);
            const lastItem = driver.state.supervision?.at(-1)?.id ?? 'none-1';
            const command =
              'itemId' in payload && payload.itemId === LATEST
                ? { ...payload, itemId: lastItem }
                : 'extensionId' in payload && payload.extensionId === LATEST
                  ? { ...payload, extensionId: `ext-${driver.state.extensions.length}` }
                  : 'hearingId' in payload && payload.hearingId === LATEST
                    ? { ...payload, hearingId: `hearing-${driver.state.reexamination?.hearings.length ?? 0}` }
                    : 'followUpId' in payload && payload.followUpId === LATEST
                      ? { ...payload, followUpId: `follow-up-${driver.state.followUps?.length ?? 0}` }
                      : payload;
            const result = await driver.run(actor ?? rightActor(type, driver), command);
            if ('refusal' in result) {
              expect(driver.state).toBe(before);
              continue;
            }
            reached.add(`${type}@${before.status}`);
            expect(TRANSITIONS[type].from).toContain(before.status);
            expect(leadsTo(type, before.status)).toContain(driver.state.status);
          }
          const { state } = driver;
          expect(fold(initialCaseState(), driver.events)).toEqual(state);
          const openKeys = state.deadlines.filter(isOpen).map((d) => d.key);
          expect(new Set(openKeys).size).toBe(openKeys.length);
          // Only carrying out a supported opinion outlives the closure (rule sets 1.4.0 on).
          if (state.status === 'closed') expect(openKeys.filter((key) => key !== 'carry-out')).toEqual([]);
          const granted = state.extensions
            .filter((x) => x.status === 'approved')
            .reduce((sum, x) => sum + x.days, 0);
          expect(granted).toBeLessThanOrEqual(driver.policy.extension.capDays);
          expect(state.lastSequence).toBe(driver.events.length);
          // Each rung of the ladder fires at most once per item.
          for (const rung of ['supervision-notice', 'escalated', 'listing-overdue']) {
            const ids = driver.events.flatMap((e) => (e.type === rung && 'itemId' in e ? [e.itemId] : []));
            expect(new Set(ids).size).toBe(ids.length);
          }
        },
      ),
      // A fixed seed keeps the run (and its coverage check) reproducible; FC_SEED explores others. Moved on
      // whenever commands came (issue 21's refusals; issue 22's 督办, 包案, resolution, follow-ups, merge), and
      // 1000 runs since issue 22 so that the re-examination stage is still reached under the many side commands.
      // Some seeds found one ladder item escalated twice — a decide-objection item that missed its target date and
      // then stayed unsettled — until each item went to the office once (`escalatesOncePerItem`).
      { numRuns: 1000, seed: Number(process.env.FC_SEED ?? 20261301) },
    );
    // The sequences went deep: every command succeeded somewhere.
    // (The provincial closures are not offered by these two sets: see the sequences below.)
    expect(new Set([...reached].map((r) => r.split('@')[0]))).toEqual(
      new Set(COMMAND_TYPES.filter((type) => !PROVINCIAL[type])),
    );
  });
});

/** Where the case's rule set offers its closure, one allowed step in six tries it (else it hardly comes up). */
function provincialClosure(
  step: { choice: number; kind: string },
  state: CaseState,
): CommandType | undefined {
  if (step.kind !== 'allowed' || step.choice % 6 !== 0) return undefined;
  const own = COMMAND_TYPES.find((t) => PROVINCIAL[t] === state.ruleSetId);
  return own && TRANSITIONS[own].from.includes(state.status) ? own : undefined;
}

describe('random command sequences in Shanghai and Zhejiang', () => {
  it('reach their own closures, never a state the table forbids, and fold back to the case', async () => {
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('shanghai-2012', 'zhejiang-2016'),
        fc.array(fc.tuple(stepArb, actorArb), { minLength: 8, maxLength: 48, size: 'large' }),
        async (ruleSetId, steps) => {
          const driver = await new CaseDriver(ruleSetId).register();
          for (const [step, actor] of steps) {
            if (step.kind === 'time-passes') {
              if (driver.state.deadlines.some((d) => d.status === 'running')) await driver.fireNextAlarm();
              continue;
            }
            const type = provincialClosure(step, driver.state) ?? commandFor(step, driver.state);
            const before = driver.state;
            const payload = resolveDates(step.payloads[type], driver.today) as CaseCommandBody;
            const result = await driver.run(actor ?? rightActor(type, driver), payload);
            if ('refusal' in result) {
              expect(driver.state).toBe(before);
              continue;
            }
            reached.add(type);
            expect(TRANSITIONS[type].from).toContain(before.status);
            expect(leadsTo(type, before.status)).toContain(driver.state.status);
          }
          const { state } = driver;
          expect(fold(initialCaseState(), driver.events)).toEqual(state);
          if (state.status === 'closed') {
            expect(state.deadlines.filter((d) => isOpen(d) && d.key !== 'carry-out')).toEqual([]);
          }
        },
      ),
      { numRuns: 150, seed: Number(process.env.FC_SEED ?? 20261301) },
    );
    expect(reached).toContain('closeOnVerification');
    expect(reached).toContain('closeOnAgreement');
  });
});
