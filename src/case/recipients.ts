import type { CaseEvent } from './events';
import { type CaseState, unitActingOn } from './state';
import { unitExtending } from './stage-extensions';
import { awaitingFeedback, itemsOf } from './supervision';
import type { Role } from './vocabulary';

/** Who is told of an event: the holders of roles in a unit, or a named user. Resolved to logins by the writer. */
export type Recipient = { unitId: string; roles: Role[] } | { login: string };

/** A notification to write for an event: its kind, a one-line text, and who receives it. */
export interface Notice {
  kind: string;
  text: string;
  recipients: Recipient[];
}

const inUnit = (unitId: string | undefined, ...roles: Role[]): Recipient[] =>
  unitId ? [{ unitId, roles }] : [];
const user = (login: string | undefined): Recipient[] => (login ? [{ login }] : []);

/**
 * What an event tells whom (petition-rules §6): warnings to the handler (the second also to the unit head and
 * the case-owning leader), supervision notices to the unit, escalations to the office, extension decisions to
 * the requester, return-visit tasks to the handling unit, a review or re-examination request to the bureau
 * (the body above records it: the bureau learns who put its case under review). `state` is the case after
 * the event.
 */
export function noticeOf(event: CaseEvent, state: CaseState): Notice | undefined {
  const leader = user(state.caseOwner?.leader);
  const bureau = inUnit(state.bureauUnitId, 'supervisor');
  const office = inUnit(state.officeUnitId, 'jco');
  switch (event.type) {
    case 'deadline-warning': {
      const deadline = state.deadlines.filter((d) => d.key === event.key).pop();
      const units =
        event.key === 'supervision-feedback'
          ? awaitingFeedback(state).map((item) => item.unitId)
          : [deadline && unitActingOn(state, deadline)];
      const recipients = event.notify.flatMap((role): Recipient[] => {
        if (role === 'unit-head') return units.flatMap((u) => inUnit(u, 'unit-head'));
        if (role === 'case-owning-leader') return leader;
        if (role === 'joint-conference-office') return office;
        if (role === 'petition-bureau' && deadline?.responsible !== 'petition-bureau') return bureau;
        const roles: Role[] =
          deadline?.responsible === 'petition-bureau' ? ['supervisor', 'registrar'] : ['handler'];
        return units.flatMap((u) => inUnit(u, ...roles));
      });
      return {
        kind: 'warning',
        text: `预警 ${event.key}: ${event.daysBefore} d before it is due (${deadline?.dueDate ?? ''})`,
        recipients,
      };
    }
    case 'supervision-notice':
      return {
        kind: 'supervision-notice',
        text: `督办 ${event.key} passed: written feedback is due${event.itemId ? ` (${event.itemId})` : ''}`,
        recipients: [...inUnit(event.unitId, 'handler', 'unit-head', 'supervisor'), ...leader],
      };
    case 'supervision-opened':
      // The unit answers it; the bureau learns of the office's and of a higher bureau's (it records the latter).
      return {
        kind: 'supervision-notice',
        text:
          `${event.kind === 'assign' ? '交办' : '督办'} ${event.itemId}${event.ground ? ` (${event.ground})` : ''}` +
          `: written feedback is due by ${event.feedbackDue}`,
        recipients: [
          ...inUnit(event.unitId, 'handler', 'unit-head', 'supervisor'),
          ...leader,
          ...(event.source === 'joint-conference' ? bureau : []),
        ],
      };
    case 'escalated':
      return {
        kind: 'escalation',
        text: `报联席办 ${event.key}${event.reason ? `: ${event.reason}` : ''}`,
        recipients: [...office, ...bureau, ...inUnit(event.unitId, 'unit-head'), ...leader],
      };
    case 'supervision-feedback':
      return {
        kind: 'supervision-feedback',
        text: `督办反馈 ${event.itemId}: target ${event.targetDate}`,
        recipients: [...bureau, ...office],
      };
    case 'supervision-listed': {
      const unit = itemsOf(state).find((item) => item.id === event.itemId)?.unitId;
      return {
        kind: 'listing',
        text: `挂牌督办 ${event.itemId}: correct by ${event.correctBy}`,
        recipients: [...inUnit(unit, 'handler', 'unit-head'), ...leader, ...bureau],
      };
    }
    case 'supervision-instructed':
      return {
        kind: 'instruction',
        text: `联席办交办 ${event.itemId}`,
        recipients: inUnit(event.unitId, 'handler', 'unit-head'),
      };
    case 'listing-overdue':
      return {
        kind: 'listing-overdue',
        text: `挂牌督办逾期 ${event.itemId}: not corrected by ${event.correctBy}`,
        recipients: [...office, ...bureau],
      };
    case 'extension-requested':
      return {
        kind: 'extension-request',
        text: `延期申请 ${event.extensionId}: ${event.days} d`,
        // The head of the unit that must meet the deadline: the handling unit, or the body at its stage.
        recipients: inUnit(unitExtending(state, event.deadlineKey), 'unit-head'),
      };
    case 'extension-approved':
    case 'extension-refused': {
      const requester = state.extensions.find((x) => x.id === event.extensionId)?.requestedBy;
      const verdict = event.type === 'extension-approved' ? 'approved' : 'refused';
      return {
        kind: 'extension-decision',
        text: `延期 ${event.extensionId} ${verdict}`,
        recipients: user(requester),
      };
    }
    case 'petitioner-notified':
      return {
        kind: 'extension-notice',
        text: `延期告知: tell the petitioner of ${event.extensionId} and its reason`,
        recipients: inUnit(extendingUnitOfId(state, event.extensionId), 'handler'),
      };
    case 'deadline-started':
      if (event.key !== 'return-visit') return undefined;
      return {
        kind: 'return-visit-task',
        text: `回访 due ${event.dueDate}`,
        recipients: inUnit(state.handlingUnitId, 'handler'),
      };
    case 'follow-up-opened':
      // A dissatisfied visit told them already (return-visit-recorded); an evaluation reaches nobody else.
      if (event.cause.kind !== 'evaluation') return undefined;
      return {
        kind: 'follow-up',
        text: `评价不满意 (${event.cause.subject}): follow-up ${event.followUpId} is open`,
        recipients: [...bureau, ...inUnit(state.handlingUnitId, 'unit-head', 'handler')],
      };
    case 'return-visit-recorded':
      if (!event.followUp) return undefined;
      return {
        kind: 'follow-up',
        text: '回访不满意: the case is flagged for follow-up',
        recipients: [...bureau, ...inUnit(state.handlingUnitId, 'unit-head')],
      };
    case 'review-requested':
    case 'reexamination-requested': {
      // Requests recorded before the application was required told nobody: a re-projection adds no notice.
      if (!event.application) return undefined;
      const what = event.type === 'review-requested' ? '复查申请 (review)' : '复核申请 (re-examination)';
      return {
        kind: event.type,
        text: `${what} recorded by ${event.bodyName}: received ${event.requestedOn} by ${event.application.channel}`,
        recipients: bureau,
      };
    }
    case 'review-request-refused':
    case 'reexamination-request-refused': {
      const what =
        event.type === 'review-request-refused' ? '复查申请 (review)' : '复核申请 (re-examination)';
      return {
        kind: event.type,
        text: `${what} not accepted (不予受理) on ${event.refusedOn}: the opinion below stands`,
        recipients: bureau,
      };
    }
    case 'transferred-out':
      // The receiving bureau's desk: a petition came in from another area, to be routed within its D1.
      return {
        kind: 'transfer-in',
        text: `转入 from ${event.fromUnitId} on ${event.transferredOn}: route it to the responsible unit`,
        recipients: inUnit(event.toUnitId, 'registrar', 'supervisor'),
      };
    case 'objection-decided':
      if (event.by !== 'joint-conference-office') return undefined;
      return {
        kind: 'dispute-settled',
        text: `联席办 settled the objection: ${event.decision}`,
        recipients: [...bureau, ...inUnit(state.handlingUnitId, 'handler', 'unit-head')],
      };
    case 'priority-set':
      // Art 25: a major or urgent matter is reported at once — to the bureau head and the joint-conference
      // office; a change of level alone, or a flag already raised, tells no one again.
      if (!event.majorUrgent || event.previousMajorUrgent) return undefined;
      return {
        kind: 'major-urgent',
        text: `重大、紧急信访事项 (Art 25): flagged on ${event.setOn}, priority ${event.level}`,
        recipients: [...inUnit(state.bureauUnitId, 'unit-head', 'supervisor'), ...office],
      };
    // 并案 and its undoing: whoever works the case stops, or takes it up again.
    case 'merged':
    case 'unmerged': {
      const into = event.type === 'merged' ? event.intoCaseId : event.fromCaseId;
      return {
        kind: event.type === 'merged' ? 'case-merged' : 'case-unmerged',
        text:
          event.type === 'merged'
            ? `并案: merged into ${into} on ${event.mergedOn}; it is handled there`
            : `撤销并案: no longer merged into ${into} (${event.unmergedOn}); the case is open again`,
        recipients: [...inUnit(state.handlingUnitId, 'handler', 'unit-head'), ...leader],
      };
    }
    default:
      return undefined;
  }
}

/** The unit acting on the deadline of an extension (the handling unit for one unknown, as before). */
function extendingUnitOfId(state: CaseState, extensionId: string): string | undefined {
  const key = state.extensions.find((x) => x.id === extensionId)?.deadlineKey ?? 'handle';
  return unitExtending(state, key);
}
