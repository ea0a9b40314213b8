import type { CaseEventType } from './events';
import type { ActorRole, CommandType } from './commands';
import { type CaseStatus, type Role, STATUSES } from './vocabulary';

/**
 * Who acts for the case, relative to it: the petition bureau that registered it, the unit now handling
 * it, whichever of the two holds it now (the bureau until it is routed), or whoever the rule set names to
 * approve an extension (the unit head; Shandong: the assigning bureau for an assigned matter).
 */
export type Party =
  | 'registering-bureau'
  | 'handling-unit'
  | 'case-holder'
  | 'extension-approver'
  | 'review-body'
  | 'reexamination-body'
  /**
   * The unit that must meet the deadline an extension is for: the handling unit, or, where the rule set lets
   * the review chain extend (Beijing Art 50 ¶4), the review or re-examination body during its stage.
   */
  | 'extending-unit'
  /** The unit the command names as the body it is recorded by (a review or re-examination request). */
  | 'named-body'
  /** The unit a supervision item (督办) is addressed to: the one that must act on its deadline. */
  | 'supervised-unit'
  /** The joint-conference office (联席办) over the registering bureau. */
  | 'office'
  /** The petitioner, through the public endpoint and the case's query code. */
  | 'petitioner'
  /** The case-owning leader named on the case (包案), in whatever unit they act for. */
  | 'case-owning-leader';

/**
 * Where the API offers a command: under the petition (`POST /api/petitions/{id}/<path>`), under a supervision
 * item (`POST /api/supervision/{itemId}/<path>`), or to the petitioner (`/api/public/...`, its own routes).
 */
export type Surface = 'petition' | 'supervision-item' | 'public';

export interface Transition {
  /** Statuses the command is allowed in. */
  from: readonly CaseStatus[];
  /** Who may do it: a party of the case, acting with one of these roles. */
  by: ReadonlyArray<{ party: Party; roles: readonly ActorRole[] }>;
  /** The status it leads to ('same': it leaves the status as it is; a list: one of these, as the case decides). */
  to: CaseStatus | 'same' | readonly CaseStatus[];
  /** The events it may emit (deadline events follow from the rule set). */
  emits: readonly CaseEventType[];
  /** The petitioner's window it must come within: once that lapsed, the refusal names its last day. */
  window?: string;
  /** Its route: POST /api/petitions/{id}/<path> (or under its surface). */
  path: string;
  /** Absent: under the petition. */
  surface?: Surface;
  summary: string;
}

const BUREAU = ['registrar', 'supervisor'] as const;
const UNIT = ['handler', 'unit-head'] as const;
const OPEN: CaseStatus[] = STATUSES.filter((status) => status !== 'closed');
/** After the first reply, while the case goes on (a review may already be under way). */
const AFTER_REPLY: CaseStatus[] = STATUSES.slice(STATUSES.indexOf('replied'), STATUSES.indexOf('closed'));
/** Where a deadline may be extended: D5 while handled; D8 / D10 only where the pinned rule set says (decide). */
const EXTENDABLE: CaseStatus[] = ['accepted', 'under-review', 'under-reexamination'];

/** The supervision ladder (督办 → 联席办 → 挂牌督办) and the after-care: return visit (回访), evaluation. */
const AFTERCARE_AND_SUPERVISION = {
  supervisionFeedback: {
    from: OPEN,
    by: [{ party: 'supervised-unit', roles: [...UNIT, 'supervisor'] }],
    to: 'same',
    emits: ['supervision-feedback'],
    path: 'feedback',
    surface: 'supervision-item',
    summary: 'Answer a supervision notice (督办反馈) in writing: what was done, and the target date',
  },
  listSupervision: {
    from: OPEN,
    by: [{ party: 'office', roles: ['jco'] }],
    to: 'same',
    emits: ['supervision-listed'],
    path: 'list',
    surface: 'supervision-item',
    summary: 'List the case for supervision (挂牌督办) with a date to correct by; the office only',
  },
  instructSupervision: {
    from: OPEN,
    by: [{ party: 'office', roles: ['jco'] }],
    to: 'same',
    emits: ['supervision-instructed'],
    path: 'instruct',
    surface: 'supervision-item',
    summary: 'Instruct a unit on an escalated case (交办指示); the office only',
  },
  settleObjection: {
    from: ['objected'],
    by: [{ party: 'office', roles: ['jco'] }],
    to: 'transferred',
    emits: ['objection-decided'],
    path: 'objection/settle',
    summary: 'Settle a jurisdiction dispute (Art 24): the office upholds the routing or names the unit',
  },
  recordReturnVisit: {
    from: AFTER_REPLY,
    by: [{ party: 'handling-unit', roles: UNIT }],
    to: 'same',
    emits: ['return-visit-recorded', 'follow-up-opened', 'follow-up-closed'],
    path: 'return-visit',
    summary: 'Record the return visit (回访) after the reply: reached or not, satisfaction, note',
  },
  evaluate: {
    from: ['accepted', ...AFTER_REPLY],
    by: [{ party: 'petitioner', roles: ['petitioner'] }],
    to: 'same',
    emits: ['evaluated', 'follow-up-opened'],
    path: 'evaluations',
    surface: 'public',
    summary: 'The petitioner evaluates the acceptance notice or a reply (满意度评价) within its window',
  },
} as const satisfies { [T in CommandType]?: Transition };

/** Closures a provincial text adds; the case core offers them only where the pinned rule set names them. */
const PROVINCIAL_CLOSURES = {
  closeOnVerification: {
    // After the written reply or the review opinion, while the petitioner's next window is open.
    from: ['replied', 'reviewed'],
    by: [{ party: 'registering-bureau', roles: ['supervisor'] }],
    to: 'closed',
    emits: ['verification-approved', 'closed'],
    path: 'verification-closure',
    summary:
      'Close on verification (核查, 上海 Art 42 (二)): a municipal department or district government checked ' +
      'the matter and the municipal petition office approved the result; the procedure ends',
  },
  closeOnAgreement: {
    // Review- and re-examination-request acceptance (Shandong only) never occurs where this closure exists.
    from: ['accepted', 'replied', 'under-review', 'reviewed', 'under-reexamination'],
    by: [{ party: 'case-holder', roles: UNIT }],
    to: 'closed',
    emits: ['agreement-carried-out', 'closed'],
    path: 'agreement-closure',
    summary:
      'Close once an agreement between the petitioner and the parties concerned was carried out (浙江 ' +
      'Art 25 (1)); it meets the handling, review or re-examination deadline then running',
  },
} as const satisfies { [T in CommandType]?: Transition };

/**
 * How the matter ended, recorded by the handling unit or the bureau from the handling on. A case whose procedure
 * ended takes them while it stays open for a supported opinion still to be carried out (`outlivesClosure`).
 */
const RESOLUTION = {
  recordResolution: {
    from: ['accepted', ...AFTER_REPLY, 'closed'],
    by: [
      { party: 'handling-unit', roles: UNIT },
      { party: 'registering-bureau', roles: BUREAU },
    ],
    to: 'same',
    emits: ['resolution-recorded'],
    path: 'resolution',
    summary:
      'Record how the matter ended: 三到位一处理 (Art 27: resolved, educated, aided with its kind, handled by ' +
      'law), a mediation or settlement agreement (Art 33), 息诉罢访 with its date; each part once',
  },
  recordCarriedOut: {
    from: [...AFTER_REPLY, 'closed'],
    by: [
      { party: 'handling-unit', roles: UNIT },
      { party: 'registering-bureau', roles: BUREAU },
    ],
    to: 'same',
    emits: ['opinion-carried-out'],
    path: 'carried-out',
    summary:
      'Record that the supported opinion was carried out (Art 32 ¶2), with its date and report: meets the ' +
      'carry-out deadline of rule sets 1.4.0 on',
  },
} as const satisfies { [T in CommandType]?: Transition };

/**
 * The transition table: one entry per command. The workflow's Updates and their validators, and the API's
 * routes and role checks, are generated from it, so the three cannot drift apart.
 */
export const TRANSITIONS: { readonly [T in CommandType]: Transition } = {
  route: {
    from: ['registered'],
    by: [{ party: 'registering-bureau', roles: BUREAU }],
    to: 'transferred',
    emits: ['routed'],
    path: 'route',
    summary: 'Transfer (转送) or assign (交办) the petition to a handling unit within D1',
  },
  transferOut: {
    from: ['registered'],
    by: [{ party: 'registering-bureau', roles: BUREAU }],
    to: 'same',
    emits: ['transferred-out'],
    path: 'transfer-out',
    summary:
      'Transfer (转出) the petition to the petition bureau of the area its responsible unit lies in, within ' +
      'D1; it goes on there under a fresh D1, and the sending bureau keeps read access',
  },
  divert: {
    from: ['registered', 'transferred'],
    by: [{ party: 'case-holder', roles: [...BUREAU, ...UNIT] }],
    to: 'closed',
    emits: ['diverted', 'closed'],
    path: 'divert',
    summary: 'Divert to litigation, arbitration, reconsideration or discipline (引导); the case ends',
  },
  notAccept: {
    from: ['registered', 'transferred'],
    by: [{ party: 'case-holder', roles: [...BUREAU, ...UNIT] }],
    to: 'closed',
    emits: ['not-accepted', 'closed'],
    path: 'not-accept',
    summary: 'Not accept (不予受理) with a reason and a notice; the case ends',
  },
  object: {
    from: ['transferred'],
    by: [{ party: 'handling-unit', roles: UNIT }],
    to: 'objected',
    emits: ['objection-raised'],
    path: 'objection',
    summary: 'Object to a misrouting within D3 (5 working days)',
  },
  decideObjection: {
    from: ['objected'],
    by: [{ party: 'registering-bureau', roles: BUREAU }],
    to: 'transferred',
    emits: ['objection-decided'],
    path: 'objection/decision',
    summary: 'Uphold the routing or re-route after an objection',
  },
  accept: {
    from: ['transferred'],
    by: [{ party: 'handling-unit', roles: UNIT }],
    to: 'accepted',
    emits: ['accepted'],
    path: 'accept',
    summary: 'Accept (受理告知) within D2, in the normal or simplified procedure',
  },
  setProcedure: {
    from: ['accepted'],
    by: [{ party: 'handling-unit', roles: UNIT }],
    to: 'same',
    emits: ['procedure-changed'],
    path: 'procedure',
    summary: 'Switch from the simplified to the normal procedure (D5 from the acceptance date)',
  },
  setCaseOwner: {
    // The original unit can read the case during review, not act on it.
    from: ['registered', 'transferred', 'objected', 'accepted', 'replied'],
    by: [
      { party: 'registering-bureau', roles: ['supervisor'] },
      { party: 'handling-unit', roles: ['unit-head'] },
    ],
    to: 'same',
    emits: ['case-owner-set'],
    path: 'case-owner',
    summary: 'Name the case-owning leader (包案), the handler, the task and the target date',
  },
  requestExtension: {
    from: EXTENDABLE,
    by: [{ party: 'extending-unit', roles: UNIT }],
    to: 'same',
    emits: ['extension-requested'],
    path: 'extensions',
    summary:
      'Request an extension of D5 before it expires (D6); where the rule set allows it, of D8 or D10 by the ' +
      'review or re-examination body (Beijing Art 50 ¶4)',
  },
  approveExtension: {
    from: EXTENDABLE,
    by: [{ party: 'extension-approver', roles: ['unit-head', 'supervisor'] }],
    to: 'same',
    emits: ['extension-approved', 'petitioner-notified'],
    path: 'extensions/:extensionId/approve',
    summary: 'Approve an extension; D5 is recomputed from its original start',
  },
  refuseExtension: {
    from: EXTENDABLE,
    by: [{ party: 'extension-approver', roles: ['unit-head', 'supervisor'] }],
    to: 'same',
    emits: ['extension-refused'],
    path: 'extensions/:extensionId/refuse',
    summary: 'Refuse an extension',
  },
  reply: {
    from: ['accepted'],
    by: [{ party: 'handling-unit', roles: UNIT }],
    to: 'replied',
    emits: ['replied'],
    path: 'reply',
    summary: 'Reply in writing (信访处理意见书): supported, explained or not supported (Art 32)',
  },
  withdraw: {
    from: OPEN,
    by: [{ party: 'case-holder', roles: [...BUREAU, ...UNIT] }],
    to: 'closed',
    emits: ['withdrawn', 'closed'],
    path: 'withdraw',
    summary: 'Record the withdrawal by the petitioner; the case ends',
  },
  requestReview: {
    from: ['replied'],
    by: [{ party: 'named-body', roles: UNIT }],
    to: ['review-requested', 'under-review'],
    emits: ['review-requested'],
    window: 'request-review',
    path: 'review-request',
    summary: 'Record a review request (复查) within D7, by the review body: the unit above the handling unit',
  },
  acceptReviewRequest: {
    from: ['review-requested'],
    by: [{ party: 'review-body', roles: UNIT }],
    to: 'under-review',
    emits: ['review-request-accepted'],
    path: 'review-request/accept',
    summary: 'Accept the review request within 3 working days (Shandong Art 43)',
  },
  refuseReviewRequest: {
    from: ['review-requested'],
    by: [{ party: 'review-body', roles: UNIT }],
    to: 'replied',
    emits: ['review-request-refused'],
    path: 'review-request/refuse',
    summary:
      'Refuse the review request (不予受理) with written reasons within 3 working days (Shandong Art 43); ' +
      'the reply stands and the petitioner’s review window runs on to its original end',
  },
  reviewOpinion: {
    from: ['under-review'],
    by: [{ party: 'review-body', roles: UNIT }],
    to: ['reviewed', 'accepted', 'closed'],
    emits: ['review-opinion', 'closed'],
    path: 'review-opinion',
    summary:
      'Give the review opinion within D8: uphold, change, or revoke and order the matter handled again; ' +
      'final where the rule set allows one review only (Henan Art 27)',
  },
  requestReexamination: {
    from: ['reviewed'],
    by: [{ party: 'named-body', roles: UNIT }],
    to: ['reexamination-requested', 'under-reexamination'],
    emits: ['reexamination-requested'],
    window: 'request-reexamination',
    path: 'reexamination-request',
    summary: 'Record a re-examination request (复核) within D9, by the unit above the review body',
  },
  acceptReexaminationRequest: {
    from: ['reexamination-requested'],
    by: [{ party: 'reexamination-body', roles: UNIT }],
    to: 'under-reexamination',
    emits: ['reexamination-request-accepted'],
    path: 'reexamination-request/accept',
    summary: 'Accept the re-examination request within 3 working days (Shandong Art 44)',
  },
  refuseReexaminationRequest: {
    from: ['reexamination-requested'],
    by: [{ party: 'reexamination-body', roles: UNIT }],
    to: 'reviewed',
    emits: ['reexamination-request-refused'],
    path: 'reexamination-request/refuse',
    summary:
      'Refuse the re-examination request (不予受理) with written reasons within 3 working days (Shandong ' +
      'Art 44); the review opinion stands and the petitioner’s window runs on to its original end',
  },
  openHearing: {
    from: ['under-reexamination'],
    by: [{ party: 'reexamination-body', roles: UNIT }],
    to: 'same',
    emits: ['hearing-opened'],
    path: 'hearings',
    summary: 'Open a hearing (听证); D10 stands still until it closes (Art 36 ¶2)',
  },
  closeHearing: {
    from: ['under-reexamination'],
    by: [{ party: 'reexamination-body', roles: UNIT }],
    to: 'same',
    emits: ['hearing-closed'],
    path: 'hearings/:hearingId/close',
    summary: 'Close a hearing; D10 moves by its days, counted from the original start',
  },
  reexaminationOpinion: {
    from: ['under-reexamination'],
    by: [{ party: 'reexamination-body', roles: UNIT }],
    to: 'closed',
    emits: ['reexamination-opinion', 'closed'],
    path: 'reexamination-opinion',
    summary: 'Give the re-examination opinion within D10: the matter is final (Art 36 ¶3)',
  },
  ...AFTERCARE_AND_SUPERVISION,
  ...PROVINCIAL_CLOSURES,
  setPriority: {
    from: OPEN,
    by: [
      { party: 'registering-bureau', roles: BUREAU },
      { party: 'office', roles: ['jco'] },
    ],
    to: 'same',
    emits: ['priority-set'],
    path: 'priority',
    summary:
      'Set the priority (一级 / 二级 / 普通关注) with a reason, and flag a major or urgent matter (重大、紧急, ' +
      'Art 25): the bureau head and the joint-conference office are told at once',
  },
  supervise: {
    from: OPEN,
    by: [
      { party: 'registering-bureau', roles: ['supervisor'] },
      { party: 'office', roles: ['jco'] },
    ],
    to: 'same',
    emits: ['supervision-opened'],
    path: 'supervision',
    summary:
      'Supervise (督办, on an Art 40 ground) or hand down for handling (交办) an open case, overdue or not: the ' +
      'unit holding it answers in writing by the rule set’s feedback date, or the item goes to the office',
  },
  recordCaseOwnerWork: {
    from: OPEN,
    by: [
      { party: 'case-owning-leader', roles: ['registrar', 'handler', 'unit-head', 'supervisor', 'jco'] },
      // Those who name the leader may record for them (their bureau, or the head of their unit).
      { party: 'registering-bureau', roles: ['supervisor'] },
      { party: 'handling-unit', roles: ['unit-head'] },
    ],
    to: 'same',
    emits: ['case-owner-work-recorded'],
    path: 'case-owner/work',
    summary:
      'Record one of the four 包 (四定四包) the case-owning leader did, with its date: 包调查, 包处理, 包疏导教育 ' +
      'or 包息诉罢访',
  },
  ...RESOLUTION,
  closeFollowUp: {
    // A dissatisfied evaluation of the acceptance notice opens one while the matter is still handled.
    from: ['accepted', ...AFTER_REPLY],
    by: [{ party: 'handling-unit', roles: UNIT }],
    to: 'same',
    emits: ['follow-up-closed'],
    path: 'follow-ups/:followUpId/close',
    summary:
      'Close a follow-up (跟踪回访) of a dissatisfied return visit or evaluation with a note of what was done; ' +
      'the dissatisfied flag clears once no follow-up is open',
  },
  merge: {
    from: OPEN,
    by: [{ party: 'registering-bureau', roles: BUREAU }],
    to: 'closed',
    emits: ['merged', 'closed'],
    path: 'merge',
    summary:
      'Merge (并案) a duplicate into the open case of the same bureau it repeats: it closes as merged, its ' +
      'deadlines stop, its documents show in the surviving case',
  },
  unmerge: {
    // Only from a closure as merged (decide); the API checks that the surviving case is still open.
    from: ['closed'],
    by: [{ party: 'registering-bureau', roles: BUREAU }],
    to: OPEN,
    emits: ['unmerged'],
    path: 'unmerge',
    summary:
      'Undo a merge while the surviving case is open: the case reopens where it stood, its deadlines start ' +
      'again from their own start dates',
  },
};

export const COMMAND_TYPES = Object.keys(TRANSITIONS) as CommandType[];

/** The commands the API offers on a surface. */
export function commandsOn(surface: Surface): CommandType[] {
  return COMMAND_TYPES.filter((type) => (TRANSITIONS[type].surface ?? 'petition') === surface);
}

/** Every staff role that may perform the command in some case, for a first check before the workflow is asked. */
export function rolesFor(type: CommandType): Role[] {
  const roles = TRANSITIONS[type].by.flatMap((entry) => entry.roles);
  return [...new Set(roles.filter((role): role is Role => role !== 'petitioner'))];
}
