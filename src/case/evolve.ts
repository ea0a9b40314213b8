import { instantMs } from '../rules/dates';
import type { CaseEvent, CaseEventBody, DeadlineDates } from './events';
import { applyLadder } from './evolve-ladder';
import { evolveResolution } from './resolution';
import { type CaseDeadline, type CaseState, type Extension, type HigherStage, isOpen } from './state';

/**
 * Folds one event into the case. Pure and total: the workflow and the read model run the same fold, so
 * the projection in PostgreSQL is the workflow's state by construction. Returns a new state.
 */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const actor = event.actor ?? '';
  const next = applyLadder(
    applyBody(structuredCloneCase(state), event, event.at, actor),
    event,
    event.at,
    actor,
  );
  next.lastSequence = event.sequence;
  return next;
}

export function fold(state: CaseState, events: readonly CaseEvent[]): CaseState {
  return events.reduce(evolve, state);
}

function structuredCloneCase(state: CaseState): CaseState {
  return JSON.parse(JSON.stringify(state)) as CaseState;
}

function applyBody(s: CaseState, e: CaseEventBody, at: string, actor: string): CaseState {
  switch (e.type) {
    case 'registered': {
      const { type: _type, ...registration } = e;
      if (!e.receivedBy) return { ...s, ...registration, status: 'registered' };
      // Received directly by a unit with authority: it handles the case from the start (Art 23 ¶2).
      return {
        ...s,
        ...registration,
        status: 'transferred',
        handlingUnitId: e.receivedBy.unitId,
        handlingUnitName: e.receivedBy.unitName,
      };
    }
    case 'transferred-out':
      // The receiving area's bureau and office take the case over; the sender's case owner (包案) was for
      // its own area, so the receiving bureau names its own.
      s.transfers = [
        ...(s.transfers ?? []),
        {
          fromUnitId: e.fromUnitId,
          toUnitId: e.toUnitId,
          toName: e.toName,
          on: e.transferredOn,
          ...(e.noteDocumentId ? { noteDocumentId: e.noteDocumentId } : {}),
        },
      ];
      s.bureauUnitId = e.toUnitId;
      if (e.officeUnitId) s.officeUnitId = e.officeUnitId;
      else delete s.officeUnitId;
      delete s.caseOwner;
      return s;
    case 'routed':
      s.status = 'transferred';
      s.handlingUnitId = e.unitId;
      s.handlingUnitName = e.unitName;
      s.routing = {
        mode: e.mode,
        routedOn: e.routedOn,
        ...(e.reportDays ? { reportDays: e.reportDays } : {}),
      };
      return s;
    case 'objection-raised':
      s.status = 'objected';
      s.objection = {
        status: 'pending',
        unitId: e.unitId,
        raisedBy: actor,
        raisedOn: e.raisedOn,
        reasonDocumentId: e.reasonDocumentId,
      };
      return s;
    case 'objection-decided':
      s.status = 'transferred';
      if (s.objection) {
        s.objection.status = e.decision;
        s.objection.decidedOn = e.decidedOn;
        s.objection.decidedBy = actor;
        if (e.noteDocumentId) s.objection.noteDocumentId = e.noteDocumentId;
      }
      if (e.decision === 'rerouted' && e.unitId) {
        s.handlingUnitId = e.unitId;
        s.handlingUnitName = e.unitName ?? e.unitId;
        if (s.routing) s.routing.routedOn = e.decidedOn;
      }
      return s;
    case 'diverted':
      s.diversion = { to: e.to, noticeDocumentId: e.noticeDocumentId };
      return s;
    case 'not-accepted':
      s.notAccepted = {
        by: e.by,
        reason: e.reason,
        ...(e.noticeDocumentId ? { noticeDocumentId: e.noticeDocumentId } : {}),
      };
      return s;
    case 'accepted':
      s.status = 'accepted';
      s.procedure = e.procedure;
      s.acceptedOn = e.acceptedOn;
      if (e.noticeDocumentId) s.acceptanceNoticeDocumentId = e.noticeDocumentId;
      return s;
    case 'procedure-changed':
      s.procedure = e.procedure;
      return s;
    case 'case-owner-set':
      s.caseOwner = {
        leader: e.leader,
        handler: e.handler,
        targetDate: e.targetDate,
        taskDocumentId: e.taskDocumentId,
        setBy: actor,
        setOn: e.setOn,
      };
      return s;
    case 'extension-requested':
      s.extensions.push({
        id: e.extensionId,
        deadlineKey: e.deadlineKey,
        days: e.days,
        status: 'pending',
        requestedBy: actor,
        requestedOn: e.requestedOn,
        reasonDocumentId: e.reasonDocumentId,
      });
      return s;
    case 'extension-approved':
    case 'extension-refused':
      updateExtension(s, e.extensionId, (x) => {
        x.status = e.type === 'extension-approved' ? 'approved' : 'refused';
        x.decidedOn = e.decidedOn;
        x.decidedBy = actor;
        if (e.type === 'extension-refused' && e.reasonDocumentId) x.refusalDocumentId = e.reasonDocumentId;
      });
      return s;
    case 'petitioner-notified':
      return s;
    case 'replied':
      s.status = 'replied';
      s.reply = { outcome: e.outcome, opinionDocumentId: e.opinionDocumentId, deliveredOn: e.deliveredOn };
      return s;
    case 'withdrawn':
      s.withdrawal = { reasonDocumentId: e.reasonDocumentId, on: e.withdrawnOn };
      return s;
    case 'review-requested':
    case 'reexamination-requested': {
      const stage = {
        bodyUnitId: e.bodyUnitId,
        bodyName: e.bodyName,
        requestedOn: e.requestedOn,
        ...(e.application ? { application: e.application } : {}),
      };
      if (e.type === 'review-requested') {
        s.review = stage;
        s.status = e.acceptanceRequired ? 'review-requested' : 'under-review';
      } else {
        s.reexamination = { ...stage, hearings: [] };
        s.status = e.acceptanceRequired ? 'reexamination-requested' : 'under-reexamination';
      }
      return s;
    }
    case 'review-request-accepted':
      if (s.review) s.review.acceptedOn = e.acceptedOn;
      s.status = 'under-review';
      return s;
    case 'reexamination-request-accepted':
      if (s.reexamination) s.reexamination.acceptedOn = e.acceptedOn;
      s.status = 'under-reexamination';
      return s;
    case 'review-request-refused':
    case 'reexamination-request-refused': {
      // The opinion below stands: the case is back where the request found it, the refusal on record.
      const stage = e.type === 'review-request-refused' ? 'review' : 'reexamination';
      // A re-examination refused before it was accepted has had no hearing: its list is not kept.
      const refused: HigherStage | undefined =
        stage === 'review' ? s.review : s.reexamination && omitHearings(s.reexamination);
      if (refused) {
        s.refusedRequests = [
          ...(s.refusedRequests ?? []),
          { ...refused, stage, refusedOn: e.refusedOn, reasonDocumentId: e.reasonDocumentId },
        ];
      }
      if (stage === 'review') {
        delete s.review;
        s.status = 'replied';
      } else {
        delete s.reexamination;
        s.status = 'reviewed';
      }
      return s;
    }
    case 'review-opinion':
      if (s.review)
        Object.assign(s.review, {
          outcome: e.outcome,
          opinionDocumentId: e.opinionDocumentId,
          deliveredOn: e.deliveredOn,
        });
      // Revoked: the original unit handles the matter again (a new D5 follows from the rule set).
      s.status = e.outcome === 'revoked' ? 'accepted' : 'reviewed';
      if (e.outcome === 'revoked') {
        // Handled again from the day the order reached the unit.
        delete s.reply;
        s.acceptedOn = e.deliveredOn;
      }
      return s;
    case 'reexamination-opinion':
      if (s.reexamination)
        Object.assign(s.reexamination, {
          outcome: e.outcome,
          opinionDocumentId: e.opinionDocumentId,
          deliveredOn: e.deliveredOn,
        });
      return s;
    case 'hearing-opened':
      s.reexamination?.hearings.push({ id: e.hearingId, openedOn: e.openedOn });
      return s;
    case 'hearing-closed': {
      const hearing = s.reexamination?.hearings.find((h) => h.id === e.hearingId);
      if (hearing) Object.assign(hearing, { closedOn: e.closedOn, days: e.days });
      return s;
    }
    case 'verification-approved':
      s.verification = {
        checkingUnitId: e.checkingUnitId,
        checkingUnitName: e.checkingUnitName,
        conclusionDocumentId: e.conclusionDocumentId,
        approvedOn: e.approvedOn,
        recordedBy: actor,
      };
      return s;
    case 'agreement-carried-out':
      s.agreement = {
        agreementDocumentId: e.agreementDocumentId,
        agreedOn: e.agreedOn,
        carriedOutOn: e.carriedOutOn,
        ...(e.noteDocumentId ? { noteDocumentId: e.noteDocumentId } : {}),
        recordedBy: actor,
      };
      return s;
    case 'case-owner-work-recorded':
      (s.caseOwnerWork ??= []).push({
        kind: e.kind,
        doneOn: e.doneOn,
        noteDocumentId: e.noteDocumentId,
        leader: e.leader,
        recordedBy: actor,
        recordedOn: e.recordedOn,
      });
      return s;
    case 'priority-set': {
      const since = e.majorUrgent ? (s.priority?.majorUrgentSince ?? e.setOn) : undefined;
      s.priority = {
        level: e.level,
        majorUrgent: e.majorUrgent,
        reasonDocumentId: e.reasonDocumentId,
        setBy: actor,
        setOn: e.setOn,
        ...(since ? { majorUrgentSince: since } : {}),
      };
      return s;
    }
    case 'resolution-recorded':
    case 'opinion-carried-out':
      return evolveResolution(s, e, actor);
    case 'merged':
      s.merge = {
        intoCaseId: e.intoCaseId,
        reasonDocumentId: e.reasonDocumentId,
        mergedOn: e.mergedOn,
        mergedBy: actor,
        previousStatus: s.status,
        openDeadlineKeys: s.deadlines.filter(isOpen).map((d) => d.key),
      };
      return s;
    case 'unmerged':
      s.status = e.reopenedStatus;
      delete s.closure;
      delete s.merge;
      return s;
    case 'closed':
      s.status = 'closed';
      s.closure = {
        reason: e.reason,
        on: e.closedOn,
        ...(e.deadlineKey ? { deadlineKey: e.deadlineKey } : {}),
      };
      return s;
    default:
      return applyDeadlineEvent(s, e, at);
  }
}

function applyDeadlineEvent(s: CaseState, e: CaseEventBody, at: string): CaseState {
  switch (e.type) {
    case 'deadline-started':
      s.deadlines.push({
        status: 'running',
        responsible: e.responsible,
        policy: e.policy,
        kind: e.kind,
        startDate: e.startDate,
        ruleSetVersion: e.ruleSetVersion,
        ...dates(e),
        startedAt: at,
        firedWarnings: [],
      });
      return s;
    case 'deadline-extended':
    case 'deadline-recomputed':
      // A moved deadline warns again before its new date (warnings already past now are not sent late).
      updateDeadline(s, e.key, (d) =>
        Object.assign(
          d,
          dates(e),
          e.type === 'deadline-recomputed' && e.ruleSetVersion ? { ruleSetVersion: e.ruleSetVersion } : {},
          {
            startedAt: at,
            firedWarnings: [],
            // Moved past its new date's reach again: it runs (an overdue one that now lies ahead, too).
            status:
              d.status === 'paused' || (d.status === 'overdue' && instantMs(e.dueAt) > instantMs(at))
                ? 'running'
                : d.status,
          },
        ),
      );
      return s;
    case 'deadline-met':
      updateDeadline(s, e.key, (d) => {
        d.status = 'met';
        d.metAt = at;
        d.late = e.late;
      });
      return s;
    case 'deadline-paused':
      updateDeadline(s, e.key, (d) => (d.status = 'paused'));
      return s;
    case 'deadline-cancelled':
      updateDeadline(s, e.key, (d) => (d.status = 'cancelled'));
      return s;
    case 'deadline-warning':
      updateDeadline(s, e.key, (d) => d.firedWarnings.push(e.daysBefore));
      return s;
    case 'deadline-overdue':
      updateDeadline(s, e.key, (d) => {
        d.status = 'overdue';
        d.overdueAt = at;
      });
      return s;
    case 'supervision-notice':
      updateDeadline(s, e.key, (d) => (d.supervisionNoticeAt = at));
      return s;
    case 'rule-set-adopted':
      s.ruleSetVersion = e.ruleSetVersion;
      return s;
    case 'deadline-lapsed':
      updateDeadline(s, e.key, (d) => (d.status = 'lapsed'));
      return s;
    case 'escalated':
      updateDeadline(s, e.key, (d) => (d.escalatedAt = at));
      return s;
    default:
      return s;
  }
}

function dates(e: DeadlineDates): DeadlineDates {
  return {
    key: e.key,
    dueDate: e.dueDate,
    dueAt: e.dueAt,
    extensionDays: e.extensionDays,
    ...(e.lengthDays ? { lengthDays: e.lengthDays } : {}),
    ...(e.pausedDays ? { pausedDays: e.pausedDays } : {}),
    provisional: e.provisional,
    calendarVersion: e.calendarVersion,
    warnings: e.warnings,
  };
}

/** The deadline of that key that is still open, or else the newest one of that key. */
function updateDeadline(s: CaseState, key: string, change: (d: CaseDeadline) => void): void {
  const candidates = s.deadlines.filter((d) => d.key === key);
  const target = candidates.find(isOpen) ?? candidates[candidates.length - 1];
  if (target) change(target);
}

function omitHearings({ hearings: _hearings, ...stage }: HigherStage & { hearings: unknown }): HigherStage {
  return stage;
}

function updateExtension(s: CaseState, id: string, change: (x: Extension) => void): void {
  const target = s.extensions.find((x) => x.id === id);
  if (target) change(target);
}
