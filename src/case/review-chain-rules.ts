import { addDays, daysBetween } from '../rules/dates';
import {
  accept,
  type DecideContext,
  type Decision,
  outsideDates,
  refuse,
  type RuleMap,
  runsOn,
} from './decision';
import type { CaseState, HigherApplication } from './state';

/** The review chain (Art 35–36): requests within the petitioner's windows, opinions, hearings, finality. */
export const REVIEW_CHAIN_RULES = {
  requestReview(state, c, ctx) {
    return requestHigher(state, c, ctx, 'request-review', 'review-requested', state.reply?.deliveredOn);
  },

  acceptReviewRequest(_state, _c, ctx) {
    return accept({ type: 'review-request-accepted', acceptedOn: ctx.today });
  },

  refuseReviewRequest(_state, c, ctx) {
    return accept({
      type: 'review-request-refused',
      refusedOn: ctx.today,
      reasonDocumentId: c.reasonDocumentId,
    });
  },

  reviewOpinion(state, c, ctx) {
    const deliveredOn = c.deliveredOn ?? ctx.today;
    const from = state.review?.requestedOn ?? state.receivedOn;
    const outside = outsideDates('deliveredOn', deliveredOn, from, ctx.today, 'the request date');
    if (outside) return outside;
    const opinion = {
      type: 'review-opinion',
      outcome: c.outcome,
      opinionDocumentId: c.opinionDocumentId,
      deliveredOn,
    } as const;
    // One review only (Henan Art 27): an opinion that stands ends the matter; a revoked reply is handled again.
    if (ctx.policy.reviewChain?.finalOpinion === 'review' && c.outcome !== 'revoked') {
      return accept(opinion, { type: 'closed', reason: 'final', closedOn: ctx.today });
    }
    return accept(opinion);
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

  refuseReexaminationRequest(_state, c, ctx) {
    return accept({
      type: 'reexamination-request-refused',
      refusedOn: ctx.today,
      reasonDocumentId: c.reasonDocumentId,
    });
  },

  openHearing(state, c, ctx) {
    const hearings = state.reexamination?.hearings ?? [];
    if (hearings.some((h) => !h.closedOn))
      return refuse('transition_not_allowed', 'A hearing is open already');
    const openedOn = c.openedOn ?? ctx.today;
    // Hearings do not overlap: a day is not counted twice.
    const lastClosed = hearings[hearings.length - 1]?.closedOn;
    const earliest = lastClosed
      ? addDays(lastClosed, 1)
      : (state.reexamination?.requestedOn ?? state.receivedOn);
    const outside = outsideDates(
      'openedOn',
      openedOn,
      earliest,
      ctx.today,
      lastClosed ? 'the day after the last hearing' : 'the request date',
    );
    if (outside) return outside;
    return accept({ type: 'hearing-opened', hearingId: `hearing-${hearings.length + 1}`, openedOn });
  },

  closeHearing(state, c, ctx) {
    const hearing = state.reexamination?.hearings.find((h) => h.id === c.hearingId);
    if (!hearing) return refuse('not_found', `Hearing ${c.hearingId} not found`);
    if (hearing.closedOn)
      return refuse('transition_not_allowed', `Hearing ${c.hearingId} closed on ${hearing.closedOn}`);
    const closedOn = c.closedOn ?? ctx.today;
    const outside = outsideDates('closedOn', closedOn, hearing.openedOn, ctx.today, 'the opening');
    if (outside) return outside;
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
    const outside = outsideDates('deliveredOn', deliveredOn, from, ctx.today, 'the request date');
    if (outside) return outside;
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
} satisfies Partial<RuleMap>;

/**
 * A review or re-examination request, recorded by the body above: inside the petitioner's window (a
 * statutory bar: outside it the request is refused with the date it ended), received between the
 * delivery of the opinion below and today.
 */
function requestHigher(
  state: CaseState,
  c: { bodyUnitId: string; bodyName: string; receivedOn?: string; application?: HigherApplication },
  ctx: DecideContext,
  windowKey: 'request-review' | 'request-reexamination',
  type: 'review-requested' | 'reexamination-requested',
  deliveredOn: string | undefined,
): Decision {
  const receivedOn = c.receivedOn ?? ctx.today;
  const from = deliveredOn ?? state.receivedOn;
  const outside = outsideDates('receivedOn', receivedOn, from, ctx.today);
  if (outside) return outside;
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
    // Only when the command carries one: a command of an older history leads to the same event as before.
    ...(c.application ? { application: c.application } : {}),
  });
}

/** Calendar days from one date to another, both included. */
function daysFromTo(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}
