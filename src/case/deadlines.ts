import type { CaseDeadlinePolicy, CasePolicy } from '../rules/case-policy';
import type { CaseTrigger } from '../rules/case-vocabulary';
import { daysBetween } from '../rules/dates';
import type { CaseEventBody, EventOf } from './events';
import { type CaseDeadline, type CaseState, isOpen } from './state';
import {
  activeItems,
  awaitingFeedback,
  hasOwnFeedbackDate,
  itemsOf,
  type SupervisionItem,
} from './supervision';
import { outlivesClosure, SUPPORTED_OPINION_TRIGGER, supportedOpinionEnded } from './resolution';

/** A deadline to compute: started by a trigger, or an open one recomputed with its extensions. */
export interface DeadlineRequest {
  key: string;
  startDate: string;
  extensionDays?: number;
  /** Days not counted (hearings), for a pausable deadline. */
  pausedDays?: number;
  lengthDays?: number;
  /** Recompute the open deadline of this key (extension) instead of starting a new one. */
  extend?: boolean;
}

/** What the rule set's arithmetic returns for a request: the event that starts or moves the deadline. */
export type ComputedDeadline = Omit<
  EventOf<'deadline-started'>,
  'type' | 'responsible' | 'policy' | 'ruleSetVersion'
>;

interface Trigger {
  name: CaseTrigger;
  date: string;
  lengthDays?: number;
}

/** The rule-set triggers an event amounts to, each dated as the deadlines it starts are counted. */
function triggersOf(event: CaseEventBody, state: CaseState): Trigger[] {
  return [...proceduralTriggers(event, state), ...ladderTriggers(event, state)];
}

/**
 * The triggers of the supervision ladder and the after-care: a notice starts the feedback
 * deadline, which the last awaited feedback meets; the reply schedules the return visit; the acceptance
 * notice and each reply invite an evaluation, which the last awaited grade meets.
 */
function ladderTriggers(event: CaseEventBody, state: CaseState): Trigger[] {
  switch (event.type) {
    case 'supervision-notice':
      return event.noticeOn ? [{ name: 'supervision-issued', date: event.noticeOn }] : [];
    case 'supervision-feedback':
      // A manual item's feedback has its own date: it meets nothing of the shared feedback deadline.
      if (itemsOf(state).some((item) => item.id === event.itemId && hasOwnFeedbackDate(item))) return [];
      return awaitingFeedback(state).length === 0
        ? [{ name: 'supervision-feedback-submitted', date: event.submittedOn }]
        : [];
    case 'accepted':
      return [{ name: 'evaluation-invited', date: event.acceptedOn }];
    case 'replied':
      return [
        { name: 'return-visit-scheduled', date: event.deliveredOn },
        { name: 'evaluation-invited', date: event.deliveredOn },
      ];
    case 'return-visit-recorded':
      return [{ name: 'return-visit-recorded', date: event.visitedOn }];
    case 'evaluated':
      return (state.evaluations ?? []).every((e) => e.grade)
        ? [{ name: 'evaluated', date: event.evaluatedOn }]
        : [];
    case 'follow-up-opened':
      return [{ name: 'follow-up-opened', date: event.openedOn }];
    case 'follow-up-closed':
      return [{ name: 'follow-up-closed', date: event.closedOn }];
    default:
      return [];
  }
}

function proceduralTriggers(event: CaseEventBody, state: CaseState): Trigger[] {
  switch (event.type) {
    case 'registered':
      // Received directly by a unit with authority: its D2 runs from receipt (Art 23 ¶2); no bureau routes
      // it (no D1) and nobody transferred it to the unit (no objection window, D3).
      return event.receivedBy
        ? [{ name: 'received-by-unit', date: event.receivedOn }]
        : [{ name: 'received-by-bureau', date: event.receivedOn }];
    case 'transferred-out':
      // The transfer (转送) meets the sender's D1; the receiving bureau registers and routes the petition
      // within a D1 of its own from the day it is transferred (Art 22 ¶1; Beijing Art 34 (二)).
      return [
        { name: 'routed', date: event.transferredOn },
        { name: 'received-by-bureau', date: event.transferredOn },
      ];
    case 'routed':
      return routingTriggers(
        event.routedOn,
        event.mode === 'assign' ? event.reportDays : undefined,
        event.mode,
      );
    case 'objection-raised':
      return [{ name: 'objection-raised', date: event.raisedOn }];
    case 'objection-decided': {
      const decided: Trigger = { name: 'objection-decided', date: event.decidedOn };
      if (event.decision !== 'rerouted') return [decided];
      const mode = state.routing?.mode ?? 'transfer';
      return [decided, ...routingTriggers(event.decidedOn, state.routing?.reportDays, mode)];
    }
    case 'diverted':
      return [{ name: 'diverted', date: state.closure?.on ?? state.receivedOn }];
    case 'not-accepted':
      return [{ name: 'not-accepted', date: state.closure?.on ?? state.receivedOn }];
    case 'accepted':
      return [{ name: 'accepted', date: event.acceptedOn }];
    case 'procedure-changed':
      // The new procedure's deadline counts from the original acceptance, not from the switch.
      return [
        { name: 'procedure-changed', date: event.acceptedOn },
        { name: 'accepted', date: event.acceptedOn },
      ];
    case 'replied':
      // A supported opinion is also to be carried out (Art 32 ¶2): timed where the rule set has a deadline on it.
      return event.outcome === 'supported'
        ? [
            { name: 'reply-delivered', date: event.deliveredOn },
            {
              name: SUPPORTED_OPINION_TRIGGER,
              date: event.deliveredOn,
              ...(event.carryOutDays ? { lengthDays: event.carryOutDays } : {}),
            },
          ]
        : [{ name: 'reply-delivered', date: event.deliveredOn }];
    case 'review-requested':
    case 'reexamination-requested':
      return [{ name: event.type, date: event.requestedOn }];
    case 'review-request-accepted':
      return [{ name: 'review-request-decided', date: event.acceptedOn }];
    case 'reexamination-request-accepted':
      return [{ name: 'reexamination-request-decided', date: event.acceptedOn }];
    case 'review-request-refused':
      return [{ name: 'review-request-decided', date: event.refusedOn }];
    case 'reexamination-request-refused':
      return [{ name: 'reexamination-request-decided', date: event.refusedOn }];
    case 'review-opinion':
      if (event.outcome !== 'revoked') return [{ name: 'review-reply-delivered', date: event.deliveredOn }];
      // Handled again by the original unit: a new D5 from the day the order reached it.
      return [
        { name: 'rehandling-ordered', date: event.deliveredOn },
        { name: 'accepted', date: event.deliveredOn },
      ];
    case 'reexamination-opinion':
      return [{ name: 'reexamination-opinion-delivered', date: event.deliveredOn }];
    case 'agreement-carried-out':
      return [{ name: 'agreement-carried-out', date: event.carriedOutOn }];
    case 'case-owner-set':
      // The target date is met by the reply: once the matter was replied to, it starts nothing.
      if (state.status === 'replied') return [];
      return [
        {
          name: 'case-owner-set',
          date: event.setOn,
          lengthDays: daysBetween(event.setOn, event.targetDate),
        },
      ];
    case 'opinion-carried-out':
      return [{ name: 'opinion-carried-out', date: event.carriedOutOn }];
    default:
      return [];
  }
}

function routingTriggers(date: string, reportDays: number | undefined, mode: string): Trigger[] {
  const triggers: Trigger[] = [
    { name: 'routed', date },
    { name: 'received-by-unit', date },
    { name: 'transfer-received', date },
  ];
  if (mode === 'assign')
    triggers.push({ name: 'assignment', date, ...(reportDays ? { lengthDays: reportDays } : {}) });
  return triggers;
}

function appliesTo(rule: CaseDeadlinePolicy, state: CaseState): boolean {
  if (rule.categories && !rule.categories.includes(state.category)) return false;
  if (rule.procedure && rule.procedure !== (state.procedure ?? 'normal')) return false;
  return true;
}

/**
 * The deadline consequences of a batch of events, as the rule set says: deadlines that a trigger meets,
 * deadlines a trigger starts, and two rules of the engine itself — a closed case cancels whatever still
 * runs, and a change of handling unit cancels the previous unit's deadlines.
 * `state` is the case after the batch's own events.
 */
export function planDeadlines(
  policy: CasePolicy,
  state: CaseState,
  events: readonly CaseEventBody[],
): { stops: CaseEventBody[]; requests: DeadlineRequest[] } {
  const open = new Map<string, CaseDeadline>(state.deadlines.filter(isOpen).map((d) => [d.key, d]));
  const stops: CaseEventBody[] = [];
  const requests: DeadlineRequest[] = [];
  const stop = (d: CaseDeadline, body: CaseEventBody) => {
    open.delete(d.key);
    stops.push(body);
  };
  for (const event of events) {
    for (const d of cancelledBy(event, [...open.values()], policy)) {
      stop(d, { type: 'deadline-cancelled', key: d.key });
    }
    for (const trigger of triggersOf(event, state)) {
      for (const d of [...open.values()]) {
        const rule = policy.deadlines.find((r) => r.key === d.key);
        if (rule?.stopsAt.includes(trigger.name)) {
          stop(d, { type: 'deadline-met', key: d.key, late: d.status === 'overdue', by: trigger.name });
        }
      }
      if (state.status === 'closed') continue;
      for (const rule of policy.deadlines) {
        if (rule.startsAt !== trigger.name || !appliesTo(rule, state) || open.has(rule.key)) continue;
        if (requests.some((r) => r.key === rule.key)) continue;
        requests.push({
          key: rule.key,
          startDate: trigger.date,
          ...(trigger.lengthDays && rule.maxLengthDays ? { lengthDays: trigger.lengthDays } : {}),
        });
      }
    }
    if (event.type === 'hearing-opened') {
      for (const d of open.values()) {
        if ((d.status === 'running' || d.status === 'overdue') && isPausable(policy, d.key))
          stops.push({ type: 'deadline-paused', key: d.key });
      }
    }
    if (event.type === 'hearing-closed') {
      const pausedDays = (state.reexamination?.hearings ?? []).reduce((sum, h) => sum + (h.days ?? 0), 0);
      for (const d of open.values()) {
        if (!isPausable(policy, d.key)) continue;
        requests.push({
          key: d.key,
          startDate: d.startDate,
          extensionDays: d.extensionDays,
          pausedDays,
          extend: true,
        });
      }
    }
    if (event.type === 'extension-approved') {
      const extension = state.extensions.find((x) => x.id === event.extensionId);
      const deadline = extension && open.get(extension.deadlineKey);
      if (deadline) {
        requests.push({
          key: deadline.key,
          startDate: deadline.startDate,
          extensionDays: approvedDays(state, deadline.key),
          // D10's hearing days stay uncounted when it is extended (Beijing Art 50 ¶4).
          ...(deadline.pausedDays ? { pausedDays: deadline.pausedDays } : {}),
          extend: true,
        });
      }
    }
    if (event.type === 'review-request-refused' || event.type === 'reexamination-request-refused') {
      requests.push(...reopenedWindow(policy, state, event.type));
    }
    if (event.type === 'unmerged') requests.push(...restartedAfterMerge(policy, state, event.deadlineKeys));
  }
  planFeedback(policy, state, open, stops, stop, requests);
  return { stops, requests };
}

/**
 * The supervision feedback deadline serves the notices waiting for feedback, counted from the earliest of
 * them. Nobody waits any more: it is cancelled (unless it passed and sent a case to the office that is still
 * there — then it stays overdue on the record, and a late feedback meets it). The notices it was counted for
 * were answered or went up, while later ones still wait: it starts again from the earliest of those, so no
 * unit is escalated before its own feedback period ran.
 */
function planFeedback(
  policy: CasePolicy,
  state: CaseState,
  open: Map<string, CaseDeadline>,
  stops: CaseEventBody[],
  stop: (d: CaseDeadline, body: CaseEventBody) => void,
  requests: DeadlineRequest[],
): void {
  const feedback = policy.ladder && open.get(policy.ladder.feedbackDeadline);
  if (!feedback) return;
  const ended = new Set(stops.flatMap((s) => ('key' in s && s.type !== 'deadline-paused' ? [s.key] : [])));
  const live = (item: SupervisionItem) => !ended.has(item.deadlineKey);
  const waiting = awaitingFeedback(state).filter(live);
  if (waiting.length === 0) {
    const onRecord =
      feedback.status === 'overdue' &&
      activeItems(state).some((item) => live(item) && item.escalation?.reason === 'feedback-overdue');
    if (!onRecord) stop(feedback, { type: 'deadline-cancelled', key: feedback.key });
    return;
  }
  const earliest = waiting.map((item) => item.noticeOn ?? '').sort()[0]!;
  if (earliest > feedback.startDate) {
    stop(feedback, { type: 'deadline-cancelled', key: feedback.key });
    requests.push({ key: feedback.key, startDate: earliest });
  }
}

/**
 * The engine's own rules, not the rule set's: a closed case cancels whatever still runs; a change of
 * handling unit cancels the previous unit's deadlines; a change of procedure cancels the other
 * procedure's deadline. Cancelling is not meeting: nobody did what the deadline asked.
 */
function cancelledBy(event: CaseEventBody, open: CaseDeadline[], policy: CasePolicy): CaseDeadline[] {
  switch (event.type) {
    case 'replied':
      // One evaluation window at a time: the reply's replaces the acceptance notice's, whose subject the
      // petitioner may still evaluate within it.
      return open.filter((d) => d.key === policy.ladder?.evaluationDeadline);
    case 'closed':
      // Carrying out a supported opinion goes on after the procedure ended (rule sets 1.4.0 on) — but not in a
      // case merged into another (并案): that one carries the matter; an undone merge starts it again.
      return event.reason === 'merged' ? open : open.filter((d) => !outlivesClosure(policy, d.key));
    case 'review-request-refused':
    case 'reexamination-request-refused': {
      // Nobody gives an opinion on a refused request: what it started ends, except the decision it meets.
      const trigger =
        event.type === 'review-request-refused' ? 'review-requested' : 'reexamination-requested';
      const decided =
        event.type === 'review-request-refused' ? 'review-request-decided' : 'reexamination-request-decided';
      return open.filter((d) => {
        const rule = policy.deadlines.find((r) => r.key === d.key);
        return rule?.startsAt === trigger && !rule.stopsAt.includes(decided);
      });
    }
    case 'objection-decided':
      return event.decision === 'rerouted' ? open.filter((d) => d.responsible === 'handling-unit') : [];
    case 'procedure-changed':
      return open.filter((d) => {
        const procedure = policy.deadlines.find((r) => r.key === d.key)?.procedure;
        return procedure !== undefined && procedure !== event.procedure;
      });
    case 'case-owner-set':
      // A moved target date: the old one ends (its ladder with it) and the new one starts from today.
      return open.filter((d) => startsAtCaseOwner(policy, d) && d.dueDate !== event.targetDate);
    case 'transferred-out':
      // The receiving bureau names its own leader: the case owner and their target date end here.
      return open.filter((d) => startsAtCaseOwner(policy, d));
    case 'review-opinion':
    case 'reexamination-opinion':
      // The supported opinion was changed or revoked: nothing of it is left to carry out.
      return supportedOpinionEnded(event)
        ? open.filter((d) =>
            policy.deadlines.some((r) => r.key === d.key && r.startsAt === SUPPORTED_OPINION_TRIGGER),
          )
        : [];
    default:
      return [];
  }
}

/**
 * After a refused request the petitioner's window to ask again is open anew up to its original end (the same
 * start, the opinion's delivery): a window already over lapses at once, and the matter ends as it would have.
 */
function reopenedWindow(
  policy: CasePolicy,
  state: CaseState,
  type: 'review-request-refused' | 'reexamination-request-refused',
): DeadlineRequest[] {
  const trigger = type === 'review-request-refused' ? 'review-requested' : 'reexamination-requested';
  return policy.deadlines
    .filter((rule) => rule.actor === 'petitioner' && rule.stopsAt.includes(trigger))
    .flatMap((rule) => {
      const last = state.deadlines.filter((d) => d.key === rule.key).pop();
      return last ? [{ key: rule.key, startDate: last.startDate }] : [];
    });
}

/** A deadline the case-owning leader's target date started (rule sets 1.4.0 / 1.5.0 on; none before). */
function startsAtCaseOwner(policy: CasePolicy, deadline: CaseDeadline): boolean {
  return policy.deadlines.some((r) => r.key === deadline.key && r.startsAt === 'case-owner-set');
}
/**
 * A merge undone: the deadlines it cancelled start again as they were — their own start dates, extensions and
 * lengths — so the undone merge neither shortens nor lengthens a time limit; one that passed meanwhile is
 * overdue at once and climbs the ladder afresh. Not the supervision feedback: the merge closed the notices it
 * served, and a new notice starts a new one.
 */
function restartedAfterMerge(
  policy: CasePolicy,
  state: CaseState,
  keys: readonly string[],
): DeadlineRequest[] {
  const restarted = keys.filter((key) => key !== policy.ladder?.feedbackDeadline);
  return restarted.flatMap((key) => {
    const last = state.deadlines.filter((d) => d.key === key).pop();
    return last ? [recheckRequest(last)] : [];
  });
}

function isPausable(policy: CasePolicy, key: string): boolean {
  return policy.deadlines.some((r) => r.key === key && r.pausable);
}

/** Days granted to the open deadline of a key: extensions of an earlier one (before a re-handling) do not count. */
export function approvedDays(state: CaseState, key: string): number {
  const since = state.deadlines.filter((d) => d.key === key && isOpen(d)).pop()?.startDate ?? '';
  return state.extensions
    .filter((x) => x.deadlineKey === key && x.status === 'approved' && x.requestedOn >= since)
    .reduce((sum, x) => sum + x.days, 0);
}

/** A provisional date (its year's official holidays were unknown) is asked for again before it fires. */
export function recheckRequest(deadline: CaseDeadline): DeadlineRequest {
  return {
    key: deadline.key,
    startDate: deadline.startDate,
    extensionDays: deadline.extensionDays,
    ...(deadline.pausedDays ? { pausedDays: deadline.pausedDays } : {}),
    ...(deadline.lengthDays ? { lengthDays: deadline.lengthDays } : {}),
  };
}

/** The event that moves a deadline to its freshly computed date, if the calendar moved it. */
export function movedDeadline(deadline: CaseDeadline, fresh: ComputedDeadline): CaseEventBody | undefined {
  if (fresh.dueAt === deadline.dueAt && fresh.calendarVersion === deadline.calendarVersion) return undefined;
  const { startDate: _s, kind: _k, ...dates } = fresh;
  return { type: 'deadline-recomputed', previousDueAt: deadline.dueAt, ...dates };
}

/** What a started deadline's event takes from the case's pinned rule-set policy: who acts, what expiry does. */
export type DeadlineTerms = Pick<EventOf<'deadline-started'>, 'ruleSetVersion' | 'responsible' | 'policy'>;

/** The policy's terms for a request's deadline; none for an extension, which moves an open deadline. */
export function deadlineTerms(policy: CasePolicy, key: string, extend?: boolean): DeadlineTerms | undefined {
  if (extend) return undefined;
  const rule = policy.deadlines.find((d) => d.key === key);
  if (!rule) throw new Error(`deadline ${key} is not in rule set ${policy.ruleSetId}`);
  return { ruleSetVersion: policy.ruleSetVersion, responsible: rule.actor, policy: rule.policy };
}

/** The event of a computed deadline under its terms (none: an extension). */
export function deadlineEventOf(terms: DeadlineTerms | undefined, computed: ComputedDeadline): CaseEventBody {
  if (!terms) {
    const { startDate: _s, kind: _k, ...dates } = computed;
    return { type: 'deadline-extended', ...dates };
  }
  return { type: 'deadline-started', ...computed, ...terms };
}
