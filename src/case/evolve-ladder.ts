import { toShanghaiDate } from '../rules/dates';
import type { CaseEventBody } from './events';
import type { CaseState } from './state';
import { activeItems, hasOwnFeedbackDate, MANUAL_ITEM_KEY, type SupervisionItem } from './supervision';

/**
 * The supervision ladder's and the after-care's part of the fold: ladder items, return
 * visits, evaluation invitations and grades. Runs after the main fold of the same event, on its result.
 */
export function applyLadder(s: CaseState, e: CaseEventBody, at: string, actor: string): CaseState {
  const items = (s.supervision ??= []);
  const item = (id: string | undefined) => items.find((candidate) => candidate.id === id);
  switch (e.type) {
    case 'supervision-notice':
      if (e.itemId) {
        items.push({
          id: e.itemId,
          deadlineKey: e.key,
          ...(e.unitId ? { unitId: e.unitId } : {}),
          level: 'notice',
          status: 'open',
          ...(e.noticeOn ? { noticeOn: e.noticeOn } : {}),
          instructions: [],
        });
      }
      return s;
    case 'supervision-opened':
      items.push({
        id: e.itemId,
        deadlineKey: MANUAL_ITEM_KEY,
        unitId: e.unitId,
        level: 'notice',
        status: 'open',
        noticeOn: e.openedOn,
        instructions: [],
        source: e.source,
        kind: e.kind,
        ...(e.ground ? { ground: e.ground } : {}),
        noteDocumentId: e.noteDocumentId,
        ...(e.issuer ? { issuer: e.issuer } : {}),
        feedbackDue: e.feedbackDue,
      });
      return s;
    case 'escalated': {
      if (!e.itemId) return s;
      const escalation = { on: e.escalatedOn ?? '', reason: e.reason ?? 'overdue' };
      const existing = item(e.itemId);
      if (existing) Object.assign(existing, { level: 'office', status: 'open', escalation });
      else items.push(officeItem(e.itemId, e.key, e.unitId, escalation));
      return s;
    }
    case 'supervision-feedback':
      update(item(e.itemId), (i) => {
        i.status = 'answered';
        i.feedback = {
          on: e.submittedOn,
          by: actor,
          reportDocumentId: e.reportDocumentId,
          targetDate: e.targetDate,
        };
        // A manual item has no deadline to be met: the written feedback it asked for ends it, on any rung.
        if (hasOwnFeedbackDate(i)) Object.assign(i, { status: 'resolved', endedOn: e.submittedOn });
      });
      return s;
    case 'supervision-listed':
      update(item(e.itemId), (i) => {
        i.level = 'listed';
        i.listing = { on: e.listedOn, by: actor, correctBy: e.correctBy, noteDocumentId: e.noteDocumentId };
      });
      return s;
    case 'supervision-instructed':
      update(item(e.itemId), (i) =>
        i.instructions.push({
          on: e.instructedOn,
          by: actor,
          unitId: e.unitId,
          instructionDocumentId: e.instructionDocumentId,
        }),
      );
      return s;
    case 'listing-overdue':
      update(item(e.itemId), (i) => {
        if (i.listing) i.listing.overdueOn = e.correctBy;
      });
      return s;
    case 'deadline-met':
      // Met, if late: the ladder of that deadline stops; its record stays.
      return endItems(s, (i) => i.deadlineKey === e.key, 'resolved', toShanghaiDate(at));
    case 'deadline-cancelled':
      return endItems(s, (i) => i.deadlineKey === e.key, 'closed', toShanghaiDate(at));
    case 'closed':
      // A follow-up still open when the case ends was never done: it ends cancelled, the flag stays.
      for (const f of s.followUps ?? []) {
        if (f.status === 'open') Object.assign(f, { status: 'cancelled', closedOn: e.closedOn });
      }
      return endItems(s, () => true, 'closed', e.closedOn);
    case 'accepted':
      (s.evaluations ??= []).push({ subject: 'acceptance-notice', invitedOn: e.acceptedOn });
      return s;
    case 'replied':
      (s.evaluations ??= []).push({ subject: 'written-reply', invitedOn: e.deliveredOn });
      return s;
    case 'evaluated': {
      const invitation = (s.evaluations ?? []).filter((x) => x.subject === e.subject && !x.grade).pop();
      if (invitation) Object.assign(invitation, { grade: e.grade, evaluatedOn: e.evaluatedOn });
      return s;
    }
    case 'return-visit-recorded': {
      const { type: _type, ...visit } = e;
      (s.returnVisits ??= []).push({ ...visit, by: actor });
      if (e.followUp) s.followUp = { since: e.visitedOn };
      return s;
    }
    case 'follow-up-opened':
      (s.followUps ??= []).push({ id: e.followUpId, openedOn: e.openedOn, cause: e.cause, status: 'open' });
      s.followUp ??= { since: e.openedOn };
      return s;
    case 'follow-up-closed': {
      const followUp = (s.followUps ?? []).find((f) => f.id === e.followUpId);
      if (followUp) {
        Object.assign(followUp, {
          status: 'closed',
          closedOn: e.closedOn,
          closedBy: actor,
          closedWith: e.closedWith,
          noteDocumentId: e.noteDocumentId,
        });
      }
      // Followed up: the flag clears; its history stays in the timeline (the events).
      if (!(s.followUps ?? []).some((f) => f.status === 'open')) delete s.followUp;
      return s;
    }
    default:
      return s;
  }
}

function officeItem(
  id: string,
  deadlineKey: string,
  unitId: string | undefined,
  escalation: SupervisionItem['escalation'],
): SupervisionItem {
  return {
    id,
    deadlineKey,
    ...(unitId ? { unitId } : {}),
    level: 'office',
    status: 'open',
    ...(escalation ? { escalation } : {}),
    instructions: [],
  };
}

function update(item: SupervisionItem | undefined, change: (item: SupervisionItem) => void): void {
  if (item) change(item);
}

function endItems(
  s: CaseState,
  which: (item: SupervisionItem) => boolean,
  status: 'resolved' | 'closed',
  on?: string,
): CaseState {
  for (const item of activeItems(s).filter(which)) {
    item.status = status;
    if (on) item.endedOn = on;
  }
  return s;
}
