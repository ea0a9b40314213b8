import type { CaseEventType } from './events';
import type { CommandType } from './commands';
import type { CaseStatus, Role } from './vocabulary';

/**
 * Who acts for the case, relative to it: the petition bureau that registered it, the unit now handling
 * it, whichever of the two holds it now (the bureau until it is routed), or whoever the rule set names to
 * approve an extension (the unit head; Shandong: the assigning bureau for an assigned matter).
 */
export type Party = 'registering-bureau' | 'handling-unit' | 'case-holder' | 'extension-approver';

export interface Transition {
  /** Statuses the command is allowed in. */
  from: readonly CaseStatus[];
  /** Who may do it: a party of the case, acting with one of these roles. */
  by: ReadonlyArray<{ party: Party; roles: readonly Role[] }>;
  /** The status it leads to ('same': it leaves the status as it is). */
  to: CaseStatus | 'same';
  /** The events it may emit (deadline events follow from the rule set). */
  emits: readonly CaseEventType[];
  /** Its route: POST /api/petitions/{id}/<path>. */
  path: string;
  summary: string;
}

const BUREAU = ['registrar', 'supervisor'] as const;
const UNIT = ['handler', 'unit-head'] as const;
const OPEN: CaseStatus[] = ['registered', 'transferred', 'objected', 'accepted', 'replied'];

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
    path: 'acknowledge',
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
    from: OPEN,
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
    from: ['accepted'],
    by: [{ party: 'handling-unit', roles: UNIT }],
    to: 'same',
    emits: ['extension-requested'],
    path: 'extensions',
    summary: 'Request an extension of D5 before it expires (D6)',
  },
  approveExtension: {
    from: ['accepted'],
    by: [{ party: 'extension-approver', roles: ['unit-head', 'supervisor'] }],
    to: 'same',
    emits: ['extension-approved', 'petitioner-notified'],
    path: 'extensions/:extensionId/approve',
    summary: 'Approve an extension; D5 is recomputed from its original start',
  },
  refuseExtension: {
    from: ['accepted'],
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
};

export const COMMAND_TYPES = Object.keys(TRANSITIONS) as CommandType[];

/** Every role that may perform the command in some case, for a first check before the workflow is asked. */
export function rolesFor(type: CommandType): Role[] {
  return [...new Set(TRANSITIONS[type].by.flatMap((entry) => entry.roles))];
}
