import { daysBetween } from '../../rules/dates';
import type { CasePolicy } from '../../rules/case-policy';
import type { Actor, CaseCommand, CommandOf, CommandType } from './commands';
import type { CaseEventBody } from './events';
import { type CaseDeadline, type CaseState, holderOf, openDeadline } from './state';
import { type Party, TRANSITIONS } from './transitions';

/** Why a command was refused; the API maps the code to an HTTP status. */
export interface Refusal {
  code: 'transition_not_allowed' | 'not_responsible' | 'invalid_argument' | 'deadline_passed' | 'not_found';
  message: string;
  field?: string;
}

export type Decision = { ok: true; events: CaseEventBody[] } | { ok: false; refusal: Refusal };

export interface DecideContext {
  /** Today in Asia/Shanghai on the workflow clock (YYYY-MM-DD). */
  today: string;
  policy: CasePolicy;
}

const refuse = (code: Refusal['code'], message: string, field?: string): Decision => ({
  ok: false,
  refusal: { code, message, ...(field ? { field } : {}) },
});
const accept = (...events: CaseEventBody[]): Decision => ({ ok: true, events });

/**
 * Decides what a command does to the case: the events it leads to, or why it is refused. Pure: the
 * table says where and by whom; the rules below say what else must hold.
 */
export function decide(state: CaseState, command: CaseCommand, ctx: DecideContext): Decision {
  const entry = TRANSITIONS[command.type];
  const lapsed = entry.window
    ? state.deadlines.find((d) => d.key === entry.window && d.status === 'lapsed')
    : undefined;
  if (lapsed && state.closure?.deadlineKey === lapsed.key) {
    return refuse(
      'deadline_passed',
      `The window to request this (${lapsed.key}) ended on ${lapsed.dueDate}; the case is closed`,
    );
  }
  if (!entry.from.includes(state.status)) {
    return refuse(
      'transition_not_allowed',
      `${command.type} is not allowed on a petition that is ${state.status}`,
    );
  }
  const allowed = entry.by.some(
    ({ party, roles }) =>
      unitOf(state, party, ctx.policy, command) === command.actor.unitId &&
      rolesOf(party, roles, state, ctx.policy).some((role) =>
        (command.actor.roles as string[]).includes(role),
      ),
  );
  if (!allowed) {
    return refuse('not_responsible', `${command.actor.login} is not the one to do this on this petition`);
  }
  const rule = RULES[command.type] as (s: CaseState, c: CaseCommand, x: DecideContext) => Decision;
  return rule(state, command, ctx);
}

/** The unit acting as a party of this case. */
export function unitOf(
  state: CaseState,
  party: Party,
  policy: CasePolicy,
  command?: CaseCommand,
): string | undefined {
  switch (party) {
    case 'review-body':
      return state.review?.bodyUnitId;
    case 'reexamination-body':
      return state.reexamination?.bodyUnitId;
    case 'named-body':
      return command && 'bodyUnitId' in command ? command.bodyUnitId : undefined;
    case 'registering-bureau':
      return state.bureauUnitId;
    case 'handling-unit':
      return state.handlingUnitId;
    case 'case-holder':
      return holderOf(state);
    case 'extension-approver':
      return approverIsAssigner(state, policy) ? state.bureauUnitId : state.handlingUnitId;
  }
}

function rolesOf(
  party: Party,
  roles: readonly string[],
  state: CaseState,
  policy: CasePolicy,
): readonly string[] {
  if (party !== 'extension-approver') return roles;
  return approverIsAssigner(state, policy) ? ['supervisor'] : ['unit-head'];
}

/** Shandong Art 42 ¶2: an assigned (交办) matter is extended with the assigner's approval. */
function approverIsAssigner(state: CaseState, policy: CasePolicy): boolean {
  return state.routing?.mode === 'assign' && policy.extension.assignedMatterApproverRole === 'assigning-body';
}

type Rule<T extends CommandType> = (state: CaseState, command: CommandOf<T>, ctx: DecideContext) => Decision;

const RULES: { [T in CommandType]: Rule<T> } = {
  route(state, c, ctx) {
    if (c.unitId === state.bureauUnitId) {
      return refuse(
        'invalid_argument',
        'A petition is routed to a handling unit, not back to the bureau',
        'unitId',
      );
    }
    const d4 = ctx.policy.deadlines.find((d) => d.startsAt === 'assignment');
    if (c.mode === 'assign') {
      const max = d4?.maxLengthDays ?? 0;
      if (!d4)
        return refuse(
          'invalid_argument',
          `${ctx.policy.ruleSetId} has no report deadline for assignments`,
          'mode',
        );
      if (
        c.reportDays !== undefined &&
        (!Number.isInteger(c.reportDays) || c.reportDays < 1 || c.reportDays > max)
      ) {
        return refuse('invalid_argument', `must be a whole number of days from 1 to ${max}`, 'reportDays');
      }
    } else if (c.reportDays !== undefined) {
      return refuse(
        'invalid_argument',
        'a report deadline is set only when the matter is assigned',
        'reportDays',
      );
    }
    return accept({
      type: 'routed',
      unitId: c.unitId,
      unitName: c.unitName,
      mode: c.mode,
      routedOn: ctx.today,
      ...(c.reportDays !== undefined ? { reportDays: c.reportDays } : {}),
    });
  },

  divert(_state, c, ctx) {
    return accept(
      { type: 'diverted', to: c.to, noticeDocumentId: c.noticeDocumentId },
      { type: 'closed', reason: 'diverted', closedOn: ctx.today },
    );
  },

  notAccept(state, c, ctx) {
    return accept(
      {
        type: 'not-accepted',
        by: state.status === 'registered' ? 'bureau' : 'unit',
        reason: c.reason,
        noticeDocumentId: c.noticeDocumentId,
      },
      { type: 'closed', reason: 'not-accepted', closedOn: ctx.today },
    );
  },

  object(state, c, ctx) {
    // The window of the unit's own routing: the newest one (a re-route starts a fresh one).
    const window = state.deadlines.filter((d) => d.key === 'object').pop();
    if (!window || !runsOn(window, ctx.today)) {
      const ended = window ? ` ended on ${window.dueDate}` : ' is not open';
      return refuse('deadline_passed', `The objection window (D3)${ended}; the transfer stands`);
    }
    return accept({
      type: 'objection-raised',
      unitId: state.handlingUnitId ?? '',
      reasonDocumentId: c.reasonDocumentId,
      raisedOn: ctx.today,
    });
  },

  decideObjection(state, c, ctx) {
    if (c.decision === 'rerouted') {
      if (!c.unitId) return refuse('invalid_argument', 'the unit to re-route to is required', 'unitId');
      if (c.unitId === state.handlingUnitId || c.unitId === state.bureauUnitId) {
        return refuse(
          'invalid_argument',
          'must be another handling unit than the one that objected',
          'unitId',
        );
      }
    } else if (c.unitId) {
      return refuse('invalid_argument', 'a unit is given only when re-routing', 'unitId');
    }
    return accept({
      type: 'objection-decided',
      decision: c.decision,
      decidedOn: ctx.today,
      ...(c.decision === 'rerouted' ? { unitId: c.unitId, unitName: c.unitName ?? c.unitId } : {}),
      ...(c.noteDocumentId ? { noteDocumentId: c.noteDocumentId } : {}),
    });
  },

  accept(state, c, ctx) {
    if (c.procedure === 'simplified') {
      if (!ctx.policy.simplifiedDeadline) {
        return refuse('invalid_argument', `${ctx.policy.ruleSetId} has no simplified procedure`, 'procedure');
      }
      if (!state.flags.firstTime) {
        return refuse(
          'invalid_argument',
          'the simplified procedure is only for first-time petitions (初信初访)',
          'procedure',
        );
      }
    }
    return accept({ type: 'accepted', procedure: c.procedure, acceptedOn: ctx.today });
  },

  setProcedure(state, c) {
    if (c.procedure === state.procedure) {
      return refuse('transition_not_allowed', `The petition is already in the ${c.procedure} procedure`);
    }
    if (c.procedure === 'simplified') {
      return refuse(
        'invalid_argument',
        'The simplified procedure is chosen on acceptance; only simplified → normal switches later',
        'procedure',
      );
    }
    return accept({
      type: 'procedure-changed',
      procedure: c.procedure,
      acceptedOn: state.acceptedOn ?? state.receivedOn,
    });
  },

  setCaseOwner(_state, c, ctx) {
    if (c.targetDate < ctx.today) {
      return refuse('invalid_argument', `must not be before today (${ctx.today})`, 'targetDate');
    }
    return accept({
      type: 'case-owner-set',
      leader: c.leader,
      handler: c.handler,
      targetDate: c.targetDate,
      taskDocumentId: c.taskDocumentId,
      setOn: ctx.today,
    });
  },

  requestExtension(state, c, ctx) {
    const policy = ctx.policy.extension;
    const deadline = policy.appliesTo.map((key) => openDeadline(state, key)).find(Boolean);
    if (!deadline) {
      return refuse(
        'transition_not_allowed',
        `No extendable deadline (${policy.appliesTo.join(', ')}) runs on this petition`,
      );
    }
    if (policy.requestBeforeDue && !runsOn(deadline, ctx.today)) {
      return refuse(
        'deadline_passed',
        `${deadline.key} was due on ${deadline.dueDate}; an extension is requested before it expires`,
      );
    }
    if (state.extensions.some((x) => x.status === 'pending')) {
      return refuse('transition_not_allowed', 'An extension request is already waiting for a decision');
    }
    const granted = grantedDays(state);
    if (!policy.multipleGrants && granted > 0) {
      return refuse('transition_not_allowed', `${ctx.policy.ruleSetId} allows one extension only`);
    }
    if (!Number.isInteger(c.days) || c.days < 1 || granted + c.days > policy.capDays) {
      return refuse(
        'invalid_argument',
        `must be from 1 to ${policy.capDays - granted} days (cap ${policy.capDays} d in total, ${granted} d granted)`,
        'days',
      );
    }
    return accept({
      type: 'extension-requested',
      extensionId: `ext-${state.extensions.length + 1}`,
      deadlineKey: deadline.key,
      days: c.days,
      reasonDocumentId: c.reasonDocumentId,
      requestedOn: ctx.today,
    });
  },

  approveExtension(state, c, ctx) {
    const checked = pendingExtension(state, c.extensionId, c.actor);
    if ('ok' in checked) return checked;
    const deadline = openDeadline(state, checked.deadlineKey);
    if (!deadline || (ctx.policy.extension.requestBeforeDue && !runsOn(deadline, ctx.today))) {
      return refuse(
        'deadline_passed',
        `${checked.deadlineKey} has expired; an extension is approved before it does`,
      );
    }
    if (grantedDays(state) + checked.days > ctx.policy.extension.capDays) {
      return refuse('invalid_argument', `would exceed the cap of ${ctx.policy.extension.capDays} d`, 'days');
    }
    return accept(
      { type: 'extension-approved', extensionId: checked.id, decidedOn: ctx.today },
      {
        type: 'petitioner-notified',
        about: 'extension',
        extensionId: checked.id,
        reasonDocumentId: checked.reasonDocumentId,
      },
    );
  },

  refuseExtension(state, c, ctx) {
    const checked = pendingExtension(state, c.extensionId, c.actor);
    if ('ok' in checked) return checked;
    return accept({
      type: 'extension-refused',
      extensionId: checked.id,
      decidedOn: ctx.today,
      ...(c.reasonDocumentId ? { reasonDocumentId: c.reasonDocumentId } : {}),
    });
  },

  reply(state, c, ctx) {
    const deliveredOn = c.deliveredOn ?? ctx.today;
    const acceptedOn = state.acceptedOn ?? state.receivedOn;
    // A reply cannot reach the petitioner before acceptance nor in the future; an earlier date would also
    // cut short the petitioner's review window.
    if (deliveredOn < acceptedOn || deliveredOn > ctx.today) {
      return refuse(
        'invalid_argument',
        `must be between the acceptance date ${acceptedOn} and today ${ctx.today}`,
        'deliveredOn',
      );
    }
    return accept({
      type: 'replied',
      outcome: c.outcome,
      opinionDocumentId: c.opinionDocumentId,
      deliveredOn,
    });
  },

  withdraw(_state, c, ctx) {
    return accept(
      { type: 'withdrawn', reasonDocumentId: c.reasonDocumentId, withdrawnOn: ctx.today },
      { type: 'closed', reason: 'withdrawn', closedOn: ctx.today },
    );
  },

  requestReview(state, c, ctx) {
    return requestHigher(state, c, ctx, 'request-review', 'review-requested', state.reply?.deliveredOn);
  },

  acceptReviewRequest(_state, _c, ctx) {
    return accept({ type: 'review-request-accepted', acceptedOn: ctx.today });
  },

  reviewOpinion(state, c, ctx) {
    const deliveredOn = c.deliveredOn ?? ctx.today;
    const from = state.review?.requestedOn ?? state.receivedOn;
    if (deliveredOn < from || deliveredOn > ctx.today) {
      return refuse(
        'invalid_argument',
        `must be between the request date ${from} and today ${ctx.today}`,
        'deliveredOn',
      );
    }
    return accept({
      type: 'review-opinion',
      outcome: c.outcome,
      opinionDocumentId: c.opinionDocumentId,
      deliveredOn,
    });
  },

  requestReexamination(state, c, ctx) {
    return requestHigher(
      state,
      c,
      ctx,
      'request-reexamination',
      'reexamination-requested',
      state.review?.deliveredOn,
    );
  },

  acceptReexaminationRequest(_state, _c, ctx) {
    return accept({ type: 'reexamination-request-accepted', acceptedOn: ctx.today });
  },

  openHearing(state, c, ctx) {
    const hearings = state.reexamination?.hearings ?? [];
    if (hearings.some((h) => !h.closedOn))
      return refuse('transition_not_allowed', 'A hearing is open already');
    const openedOn = c.openedOn ?? ctx.today;
    const earliest = state.reexamination?.requestedOn ?? state.receivedOn;
    if (openedOn < earliest || openedOn > ctx.today) {
      return refuse(
        'invalid_argument',
        `must be between the request date ${earliest} and today ${ctx.today}`,
        'openedOn',
      );
    }
    return accept({ type: 'hearing-opened', hearingId: `hearing-${hearings.length + 1}`, openedOn });
  },

  closeHearing(state, c, ctx) {
    const hearing = state.reexamination?.hearings.find((h) => h.id === c.hearingId);
    if (!hearing) return refuse('not_found', `Hearing ${c.hearingId} not found`);
    if (hearing.closedOn)
      return refuse('transition_not_allowed', `Hearing ${c.hearingId} closed on ${hearing.closedOn}`);
    const closedOn = c.closedOn ?? ctx.today;
    if (closedOn < hearing.openedOn || closedOn > ctx.today) {
      return refuse(
        'invalid_argument',
        `must be between the opening ${hearing.openedOn} and today ${ctx.today}`,
        'closedOn',
      );
    }
    return accept({
      type: 'hearing-closed',
      hearingId: hearing.id,
      closedOn,
      days: daysFromTo(hearing.openedOn, closedOn),
    });
  },

  reexaminationOpinion(state, c, ctx) {
    if (state.reexamination?.hearings.some((h) => !h.closedOn)) {
      return refuse('transition_not_allowed', 'Close the open hearing before giving the opinion');
    }
    const deliveredOn = c.deliveredOn ?? ctx.today;
    const from = state.reexamination?.requestedOn ?? state.receivedOn;
    if (deliveredOn < from || deliveredOn > ctx.today) {
      return refuse(
        'invalid_argument',
        `must be between the request date ${from} and today ${ctx.today}`,
        'deliveredOn',
      );
    }
    return accept(
      {
        type: 'reexamination-opinion',
        outcome: c.outcome,
        opinionDocumentId: c.opinionDocumentId,
        deliveredOn,
      },
      { type: 'closed', reason: 'final', closedOn: ctx.today },
    );
  },
};

/**
 * Whether a deadline still runs on this day: by its date, not only its status — the expiry alarm may not
 * have been processed yet (a worker outage, or a request arriving with the timer).
 */
function runsOn(deadline: CaseDeadline, today: string): boolean {
  return deadline.status === 'running' && today <= deadline.dueDate;
}

/**
 * A review or re-examination request, recorded by the body above: inside the petitioner's window (a
 * statutory bar: outside it the request is refused with the date it ended), received between the
 * delivery of the opinion below and today.
 */
function requestHigher(
  state: CaseState,
  c: { bodyUnitId: string; bodyName: string; receivedOn?: string },
  ctx: DecideContext,
  windowKey: 'request-review' | 'request-reexamination',
  type: 'review-requested' | 'reexamination-requested',
  deliveredOn: string | undefined,
): Decision {
  const receivedOn = c.receivedOn ?? ctx.today;
  const from = deliveredOn ?? state.receivedOn;
  if (receivedOn < from || receivedOn > ctx.today) {
    return refuse('invalid_argument', `must be between ${from} and today ${ctx.today}`, 'receivedOn');
  }
  const window = state.deadlines.filter((d) => d.key === windowKey).pop();
  if (!window || !runsOn(window, receivedOn)) {
    const ended = window ? ` ended on ${window.dueDate} (due ${window.dueAt})` : ' is not open';
    return refuse('deadline_passed', `The window to request this (${windowKey})${ended}`);
  }
  const acceptanceKey = windowKey === 'request-review' ? 'accept-review' : 'accept-reexamination';
  return accept({
    type,
    bodyUnitId: c.bodyUnitId,
    bodyName: c.bodyName,
    requestedOn: receivedOn,
    acceptanceRequired: ctx.policy.deadlines.some((d) => d.key === acceptanceKey),
  });
}

/** Calendar days from one date to another, both included. */
function daysFromTo(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

function grantedDays(state: CaseState): number {
  return state.extensions.filter((x) => x.status === 'approved').reduce((sum, x) => sum + x.days, 0);
}

function pendingExtension(state: CaseState, id: string, actor: Actor) {
  const extension = state.extensions.find((x) => x.id === id);
  if (!extension) return refuse('not_found', `Extension ${id} not found`);
  if (extension.status !== 'pending')
    return refuse('transition_not_allowed', `Extension ${id} is already ${extension.status}`);
  if (extension.requestedBy === actor.login) {
    return refuse('not_responsible', 'An extension is decided by someone other than its requester');
  }
  return extension;
}
