import { type BacklogObject, buildBacklogObject } from './backlog-objects';
import { shanghaiToday, type TestApp } from '../../support/harness';
import { addDays } from '../../../src/rules/dates';
import { PetitionFlow } from '../../support/petition-flow';
import { screeningCase } from './screening-fixtures';
import { FIXTURE_USERS, type Placement, PLACEMENTS, type PlacementName, type Reach } from './matrix';

/** A case (or another object a row acts on) as the requests need it: the ids for the path, the people. */
export interface Case {
  id: string;
  /** Fills the placeholders of the operation's path: {id}, {itemId}, {extensionId}, {hearingId}, {followUpId}. */
  params: Record<string, string>;
  bureau?: string;
  unitId?: string;
  handler?: string;
  head?: string;
  queryCode?: string;
}

const SHANDONG = { ruleSetId: 'shandong-2015' };
const BEIJING = { ruleSetId: 'beijing-2006' };

/** The states a row can try its command in, how far each has come, and how to get there through the API. */
const STATES = {
  registered: { reach: 'bureau', build: (f) => f.register() },
  transferred: { reach: 'unit', build: (f) => f.transferred() },
  objected: { reach: 'unit', build: (f) => f.objected() },
  accepted: { reach: 'unit', build: (f) => f.accepted() },
  simplified: { reach: 'unit', build: (f) => f.accepted({}, 'simplified') },
  withExtension: { reach: 'unit', build: (f) => f.withExtension() },
  /** Shandong, assigned (交办): the assigning bureau approves its extension (Art 42 ¶2), not the unit head. */
  assignedWithExtensionShandong: {
    reach: 'unit',
    build: async (f, p) => {
      const id = await f.transferred(SHANDONG, { mode: 'assign', reportDays: 20 });
      await f.post(p.desk.handler, id, 'accept', { procedure: 'normal' });
      await f.post(p.desk.handler, id, 'extensions', { days: 10, reason: '需第三方检测。' });
      return id;
    },
  },
  replied: { reach: 'unit', build: (f) => f.replied() },
  /** Shandong: the review body must accept the request first (Art 43). */
  reviewRequestedShandong: { reach: 'review', build: (f) => f.reviewRequested(SHANDONG) },
  inReview: { reach: 'review', build: (f) => f.inReview() },
  /** Beijing: the review body extends D8 itself (Art 50 ¶4). */
  inReviewBeijing: { reach: 'review', build: (f) => f.inReview(BEIJING) },
  /** Beijing, under review: the review body's handler asked for an extension (`ext-1`) of D8. */
  reviewExtensionBeijing: {
    reach: 'review',
    build: async (f, p) => {
      const id = await f.inReview(BEIJING);
      await f.post(p.desk.reviewer!, id, 'extensions', { days: 10, reason: '案情复杂，需补充调查。' });
      return id;
    },
  },
  reviewed: { reach: 'review', build: (f) => f.reviewed() },
  /** Shandong: the re-examination body must accept the request first (Art 44). */
  reexaminationRequestedShandong: {
    reach: 'reexamination',
    build: (f) => f.reexaminationRequested(SHANDONG),
  },
  inReexamination: { reach: 'reexamination', build: (f) => f.inReexamination() },
  withHearing: { reach: 'reexamination', build: (f) => f.withHearing() },
  /** Received LONG_AGO_DAYS ago, not routed: the bureau's supervision item `route-1`, at the office if it has one. */
  overdue: {
    reach: 'bureau',
    build: (f, p) => f.withSupervisionItem({ level: p.office ? 'office' : undefined }),
  },
  /** The same, then routed (late: the item is resolved): the unit's own case, the item the bureau's. */
  overdueRouted: {
    reach: 'unit',
    build: async (f, p) => {
      const overdue = await f.withSupervisionItem();
      await f.post(p.desk.registrar, overdue.id, 'route', { unitId: p.desk.unitId });
      return overdue;
    },
  },
  /** Accepted: the petitioner may evaluate the acceptance notice; the case carries its query code. */
  evaluable: { reach: 'unit', build: (f) => f.accepted() },
  /** Shanghai, replied: the bureau may close it on verification (核查, Art 42 (二)). */
  repliedShanghai: { reach: 'unit', build: (f) => f.replied({ ruleSetId: 'shanghai-2012' }) },
  /** Zhejiang, accepted: the unit may close it on an agreement carried out (Art 25 (1)). */
  acceptedZhejiang: { reach: 'unit', build: (f) => f.accepted({ ruleSetId: 'zhejiang-2016' }) },
  /** Accepted, with a case-owning leader (包案): the unit's head, or the bureau's supervisor where it has none. */
  owned: {
    reach: 'unit',
    build: async (f, p) => {
      const id = await f.accepted();
      const leader = p.head ?? 'supervisor';
      const task = '包案化解';
      const targetDate = addDays(shanghaiToday(), 30);
      await f.post(leader, id, 'case-owner', { leader, handler: p.desk.handler, task, targetDate });
      return id;
    },
  },
  /** Replied, the return visit dissatisfied: the follow-up `follow-up-1` (跟踪回访) is open. */
  followUpOpen: {
    reach: 'unit',
    build: async (f, p) => {
      const id = await f.replied();
      const visit = { reached: true, satisfaction: 'dissatisfied', note: '信访人对答复不满意。' };
      await f.post(p.desk.handler, id, 'return-visit', visit);
      return id;
    },
  },
  /** Transferred, with an open case of the same bureau it repeats (`into`): the bureau may merge it (并案). */
  duplicate: {
    reach: 'unit',
    build: async (f) => ({ id: await f.transferred(), extra: { into: await f.register() } }),
  },
  /** Transferred, with its petitioner's file (一户一档): `petitionerId`. */
  filed: {
    reach: 'unit',
    build: async (f, p) => {
      const id = await f.transferred();
      return { id, extra: { petitionerId: (await f.get(p.desk.registrar, id)).petitionerId as string } };
    },
  },
  /** Two transferred cases of one name and phone, no identity number: the second's match may be confirmed. */
  matchable: {
    reach: 'unit',
    build: async (f, p) => {
      const id = await f.transferred();
      const petitionerId = (await f.get(p.desk.registrar, id)).petitionerId as string;
      return { id, extra: { petitionerId, caseId: await f.transferred() } };
    },
  },
  /** Two transferred cases of one placement: they may be linked (`caseId` the other). */
  linkable: {
    reach: 'unit',
    build: async (f) => ({ id: await f.transferred(), extra: { caseId: await f.transferred() } }),
  },
  /** The same, linked: they may be unlinked. */
  linked: {
    reach: 'unit',
    build: async (f, p) => {
      const [id, caseId] = [await f.transferred(), await f.transferred()];
      await f.expectStatus(200, p.desk.registrar, 'POST', `/api/petitions/${id}/links`, {
        caseId,
        relation: 'related',
      });
      return { id, extra: { caseId } };
    },
  },
  /** Transferred, then merged into an open case of its bureau: the bureau may undo the merge. */
  merged: {
    reach: 'unit',
    build: async (f, p) => {
      const into = await f.register();
      const id = await f.transferred();
      await f.post(p.desk.registrar, id, 'merge', { into, reason: '同一事项重复反映。' });
      return id;
    },
  },
} satisfies Record<
  string,
  {
    reach: Reach;
    build: (
      f: PetitionFlow,
      p: Placement,
    ) => Promise<string | { id: string; itemId: string } | { id: string; extra: Record<string, string> }>;
  }
>;
export type StateName = keyof typeof STATES;

/** A key names a case to build: `<state>@<placement>` (or `notice@<login>`: a notification of that user). */
export function parseKey(key: string): { state: StateName | 'notice' | BacklogObject; at: string } {
  const [state, at] = key.split('@') as [StateName | 'notice' | BacklogObject, string];
  return { state, at };
}

export function reachOf(state: StateName): Reach {
  return STATES[state].reach;
}

/** Adds the users the matrix builds cases with (not callers of the matrix), as other tests do. */
export async function addFixtureUsers(app: TestApp): Promise<void> {
  for (const user of FIXTURE_USERS) {
    await app.pool.query(
      `INSERT INTO users (login, display_name, unit_id, roles) VALUES ($1, $2, $3, $4) ON CONFLICT (login) DO NOTHING`,
      [user.login, `${user.login} (access matrix)`, user.unitId, user.roles],
    );
  }
}

export function caseBuilder(app: TestApp): (key: string) => Promise<Case> {
  const flow = new PetitionFlow(app);
  let noticeCase: Promise<string> | undefined;
  let sequence = 100_000;
  return async (key) => {
    if (key.startsWith('screening@')) return screeningCase(app, key.slice('screening@'.length));
    const { state, at } = parseKey(key);
    if (state === 'entry' || state === 'campaign') return buildBacklogObject(app, flow, state);
    if (state === 'notice') {
      // An inbox entry as the event writer leaves it (the outbox): one per user, on a case of this run. Some
      // users get nothing in real time (the registrar only warnings days ahead, admins nothing at all).
      noticeCase ??= flow.register();
      const { rows } = await app.pool.query(
        `INSERT INTO notifications (recipient, petition_id, sequence, kind, payload)
         VALUES ($1, $2, $3, 'warning', '{"text": "access matrix", "event": "deadline-warning"}') RETURNING id::text`,
        [at, await noticeCase, (sequence += 1)],
      );
      return { id: rows[0].id as string, params: { id: rows[0].id as string } };
    }
    const placement: Placement = PLACEMENTS[at as PlacementName];
    const f = flow.at(placement.desk);
    const built = await STATES[state].build(f, placement);
    const { id, itemId, extra } =
      typeof built === 'string'
        ? { id: built, itemId: undefined, extra: undefined }
        : { itemId: undefined, extra: undefined, ...built };
    const queryCode =
      state === 'evaluable' ? ((await f.get(placement.desk.registrar, id)).queryCode as string) : undefined;
    return {
      id,
      params: {
        id,
        extensionId: 'ext-1',
        hearingId: 'hearing-1',
        followUpId: 'follow-up-1',
        ...(itemId ? { itemId } : {}),
        ...(itemId ? { itemId } : {}),
        // Ids a row's path or body takes besides the case's: a petitioner, another case.
        ...extra,
      },
      bureau: placement.bureau,
      unitId: placement.desk.unitId,
      handler: placement.desk.handler,
      head: placement.head,
      queryCode,
    };
  };
}
