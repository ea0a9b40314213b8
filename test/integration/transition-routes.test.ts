import { commandPaths } from '../../src/api/command-routes';
import { commandsOn, TRANSITIONS } from '../../src/case';

const COMMAND_TYPES = commandsOn('petition');
/** Every path a command is served on: its own, and a former one kept as an alias (`acknowledge`). */
const ROUTES = commandPaths('petition');
import { addDays } from '../../src/rules/dates';
import { shanghaiToday, startTestApp, type TestApp } from '../support/harness';
import { footprint, higherApplication, PetitionFlow } from '../support/petition-flow';

/**
 * Every route of the transition table, with bad input: a clear error with a code, and nothing changed
 * (no event, no document).
 */
let app: TestApp;
let flow: PetitionFlow;
let id: string;

beforeAll(async () => {
  app = await startTestApp('transition-routes');
  flow = new PetitionFlow(app);
  id = await flow.transferred();
});

afterAll(async () => {
  await app?.stop();
});

const caseFootprint = () => footprint(app.pool, id);

/** A body each route accepts, so that what is refused is the case or the caller, not the body. */
const VALID: Partial<Record<(typeof COMMAND_TYPES)[number], unknown>> = {
  route: { unitId: 'qingshan-hr' },
  transferOut: { bureauId: 'yunzhou-petition-bureau', note: '责任单位不属于我县' },
  divert: { to: 'litigation', notice: '通知' },
  notAccept: { reason: 'other', notice: '通知' },
  object: { reason: '理由' },
  decideObjection: { decision: 'upheld' },
  accept: { procedure: 'normal' },
  setProcedure: { procedure: 'normal' },
  setCaseOwner: {
    leader: 'supervisor',
    handler: 'handler',
    task: '任务',
    targetDate: addDays(shanghaiToday(), 90),
  },
  requestExtension: { days: 5, reason: '理由' },
  approveExtension: {},
  refuseExtension: {},
  reply: { outcome: 'supported', opinion: '意见' },
  withdraw: { reason: '撤回' },
  requestReview: higherApplication(),
  acceptReviewRequest: {},
  refuseReviewRequest: { reason: '理由' },
  reviewOpinion: { outcome: 'upheld', opinion: '维持' },
  requestReexamination: higherApplication(),
  acceptReexaminationRequest: {},
  refuseReexaminationRequest: { reason: '理由' },
  openHearing: {},
  closeHearing: {},
  reexaminationOpinion: { outcome: 'upheld', opinion: '维持' },
  settleObjection: { decision: 'upheld', note: '协调意见' },
  recordReturnVisit: { reached: false, note: '未联系上' },
  closeOnVerification: { checkingUnitId: 'qingshan-hr', conclusion: '核查结论' },
  closeOnAgreement: { agreement: '协议', agreedOn: shanghaiToday(), carriedOutOn: shanghaiToday() },
  setPriority: { level: 'first', reason: '理由' },
  supervise: { ground: 'delaying', note: '通知' },
  recordCaseOwnerWork: { kind: 'investigation', doneOn: shanghaiToday(), note: '记录' },
  recordResolution: { measures: [{ measure: 'resolved' }] },
  recordCarriedOut: { carriedOutOn: shanghaiToday(), report: '落实情况' },
  closeFollowUp: { note: '跟踪回访记录' },
  merge: { into: 'XF-1999-000002', reason: '理由' },
  unmerge: { reason: '理由' },
};

const pathOf = (path: string, petitionId = id) =>
  `/api/petitions/${petitionId}/${path.replace(':extensionId', 'ext-1').replace(':hearingId', 'hearing-1').replace(':followUpId', 'follow-up-1')}`;

function loginFor(type: (typeof COMMAND_TYPES)[number]): string {
  const party = TRANSITIONS[type].by[0]!.party;
  return party === 'registering-bureau' ? 'supervisor' : party === 'office' ? 'jco' : 'unit-head';
}

it('offers every staff command of the table on the petition or on a supervision item', () => {
  expect(VALID).toEqual(Object.fromEntries(COMMAND_TYPES.map((type) => [type, VALID[type]])));
  expect(Object.keys(VALID).sort()).toEqual([...COMMAND_TYPES].sort());
});

describe.each(ROUTES)('POST …/$path', ({ type, path }) => {
  it('answers malformed JSON with 400, unknown fields with 422, an unknown petition with 404, and changes nothing', async () => {
    const before = await caseFootprint();
    const login = loginFor(type);

    const malformed = await app.request(login, 'POST', pathOf(path), '{"oops":');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'malformed_json']);

    const unknownField = await app.request(login, 'POST', pathOf(path), { surprise: true });
    expect([unknownField.status, unknownField.body.error.code]).toEqual([422, 'validation_failed']);

    const missing = await app.request(login, 'POST', pathOf(path, 'XF-1999-000001'), VALID[type]);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);

    const badId = await app.request(login, 'POST', pathOf(path, 'not-an-id'), {});
    expect([badId.status, badId.body.error.code]).toEqual([422, 'validation_failed']);

    // A unit that is no party to the case does not learn that it exists.
    const outsider = await app.request('hr-handler', 'POST', pathOf(path), VALID[type]);
    expect([outsider.status, outsider.body.error.code]).toEqual(
      TRANSITIONS[type].by.some((b) => b.roles.includes('handler')) ? [404, 'not_found'] : [403, 'forbidden'],
    );
    expect(await caseFootprint()).toEqual(before);
  });
});

it('refuses every command the case’s status does not allow with 409, changing nothing', async () => {
  const before = await caseFootprint();
  const refused = ROUTES.filter(({ type }) => !TRANSITIONS[type].from.includes('transferred'));
  expect(refused.length).toBeGreaterThan(5);
  for (const { type, path } of refused) {
    const login = loginFor(type);
    const response = await app.request(login, 'POST', pathOf(path), VALID[type]);
    expect({ path, status: response.status, code: response.body.error?.code }).toEqual({
      path,
      status: 409,
      code: 'transition_not_allowed',
    });
  }
  expect(await caseFootprint()).toEqual(before);
});
