import type { Actor } from './commands';
import { accept, outsideAhead, outsideDates, refuse, runsOn, type RuleMap } from './decision';
import { approvedDays } from './deadlines';
import { addDays } from '../rules/dates';
import { caseOwnerDeadlines } from './case-owner';
import { stageDeadlineKey } from './stage-extensions';
import { carryOutPeriodRefused } from './resolution';
import { type CaseState, openDeadline } from './state';

/** The first-instance procedures: routing, objection, acceptance, case owner, extensions, reply, withdrawal. */
export const FIRST_INSTANCE_RULES = {
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

  transferOut(state, c, ctx) {
    if (c.bureauUnitId === state.bureauUnitId) {
      return refuse('invalid_argument', 'The petition is already with this bureau', 'bureauId');
    }
    return accept({
      type: 'transferred-out',
      fromUnitId: state.bureauUnitId,
      toUnitId: c.bureauUnitId,
      toName: c.bureauName,
      ...(c.officeUnitId ? { officeUnitId: c.officeUnitId } : {}),
      transferredOn: ctx.today,
      ...(c.noteDocumentId ? { noteDocumentId: c.noteDocumentId } : {}),
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
    if (state.receivedBy && !state.routing) {
      // Art 23 ¶1: a unit that received a matter outside its remit tells the petitioner where to go.
      return refuse(
        'transition_not_allowed',
        'The unit received this petition directly: nobody routed it, so there is no routing to object to; ' +
          'if it is outside the unit’s remit, not accept it (outside-remit) and tell the petitioner where to go',
      );
    }
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
    if (ctx.policy.acceptanceNoticeRequired && !c.noticeDocumentId) {
      return refuse(
        'invalid_argument',
        `under ${ctx.policy.ruleSetId} the acceptance is a decision told to the petitioner in writing: ` +
          'give the written notice (受理告知书)',
        'notice',
      );
    }
    return accept({
      type: 'accepted',
      procedure: c.procedure,
      acceptedOn: ctx.today,
      // Only when given: an acceptance without one leads to the same event as before.
      ...(c.noticeDocumentId ? { noticeDocumentId: c.noticeDocumentId } : {}),
    });
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

  setCaseOwner(state, c, ctx) {
    const limit = ctx.policy.dateLimits?.caseOwnerTargetDays;
    if (c.targetDate < state.receivedOn) {
      return refuse(
        'invalid_argument',
        `must not be before the petition was received (${state.receivedOn})`,
        'targetDate',
      );
    }
    // Where the target date is a deadline (rule sets 1.4.0 / 1.5.0 on) it lies ahead: a day at least.
    const timed = caseOwnerDeadlines(ctx.policy).length > 0;
    const earliest = timed
      ? { date: addDays(ctx.today, 1), label: 'tomorrow' }
      : { date: ctx.today, label: 'today' };
    const outside = outsideAhead('targetDate', c.targetDate, earliest, ctx.today, limit);
    if (outside) return outside;
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
    const stageKey = stageDeadlineKey(state);
    // At a review-chain stage only the stage's own deadline (decide checked the rule set allows it).
    const keys = stageKey ? [stageKey] : policy.appliesTo;
    const deadline = keys.map((key) => openDeadline(state, key)).find(Boolean);
    if (!deadline) {
      return refuse(
        'transition_not_allowed',
        `No extendable deadline (${policy.appliesTo.join(', ')}) runs on this petition`,
      );
    }
    if (deadline.status === 'paused') {
      return refuse(
        'transition_not_allowed',
        `${deadline.key} stands still during the hearing; request the extension once the hearing is closed`,
      );
    }
    if (policy.requestBeforeDue && !runsOn(deadline, ctx.today)) {
      return refuse(
        'deadline_passed',
        `${deadline.key} was due on ${deadline.dueDate}; an extension is requested before it expires`,
      );
    }
    // A request of an earlier stage left undecided does not block the body's own (it can no longer be granted).
    const waiting = state.extensions.filter((x) => !stageKey || x.deadlineKey === stageKey);
    if (waiting.some((x) => x.status === 'pending')) {
      return refuse('transition_not_allowed', 'An extension request is already waiting for a decision');
    }
    const granted = approvedDays(state, deadline.key);
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
    if (deadline?.status === 'paused') {
      return refuse(
        'transition_not_allowed',
        `${deadline.key} stands still during the hearing; decide on the extension once the hearing is closed`,
      );
    }
    if (!deadline || (ctx.policy.extension.requestBeforeDue && !runsOn(deadline, ctx.today))) {
      return refuse(
        'deadline_passed',
        `${checked.deadlineKey} has expired; an extension is approved before it does`,
      );
    }
    if (approvedDays(state, checked.deadlineKey) + checked.days > ctx.policy.extension.capDays) {
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
    const outside = outsideDates('deliveredOn', deliveredOn, acceptedOn, ctx.today, 'the acceptance date');
    if (outside) return outside;
    const period =
      c.carryOutDays === undefined ? undefined : carryOutPeriodRefused(c.outcome, c.carryOutDays, ctx);
    if (period) return period;
    return accept({
      type: 'replied',
      outcome: c.outcome,
      opinionDocumentId: c.opinionDocumentId,
      deliveredOn,
      ...(c.carryOutDays !== undefined ? { carryOutDays: c.carryOutDays } : {}),
    });
  },

  withdraw(_state, c, ctx) {
    return accept(
      { type: 'withdrawn', reasonDocumentId: c.reasonDocumentId, withdrawnOn: ctx.today },
      { type: 'closed', reason: 'withdrawn', closedOn: ctx.today },
    );
  },
} satisfies Partial<RuleMap>;

function pendingExtension(state: CaseState, id: string, actor: Actor) {
  const extension = state.extensions.find((x) => x.id === id);
  if (!extension) return refuse('not_found', `Extension ${id} not found`);
  const stageKey = stageDeadlineKey(state);
  if (stageKey && extension.deadlineKey !== stageKey) {
    // The body decides on its own deadline's extensions, not on one of an earlier stage.
    return refuse(
      'transition_not_allowed',
      `Extension ${id} is of ${extension.deadlineKey}, which no longer runs; it cannot be decided now`,
    );
  }
  if (extension.status !== 'pending')
    return refuse('transition_not_allowed', `Extension ${id} is already ${extension.status}`);
  if (extension.requestedBy === actor.login) {
    return refuse('not_responsible', 'An extension is decided by someone other than its requester');
  }
  return extension;
}
