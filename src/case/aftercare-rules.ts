import { type FollowUpCause, isSatisfied, openFollowUp } from './aftercare';
import type { CommandOf } from './commands';
import {
  accept,
  type DecideContext,
  type Decision,
  outsideDates,
  refuse,
  runsOn,
  type RuleMap,
} from './decision';
import type { CaseEventBody } from './events';
import { type CaseState, openDeadline } from './state';

/** After the reply: the handling unit's return visit (回访) and the petitioner's evaluation (满意度评价). */
export const AFTERCARE_RULES = {
  recordReturnVisit(state, c, ctx) {
    if (c.followUpId !== undefined) return secondVisit(state, c, ctx);
    const ladder = ctx.policy.ladder;
    const due = ladder && openDeadline(state, ladder.returnVisitDeadline);
    if (!ladder || !due) return refuse('transition_not_allowed', 'No return visit is due on this petition');
    const invalidGrade = gradeRefusal(c);
    if (invalidGrade) return invalidGrade;
    const visitedOn = c.visitedOn ?? ctx.today;
    const invalid = outsideDates('visitedOn', visitedOn, due.startDate, ctx.today, 'the reply');
    if (invalid) return invalid;
    const followUp = c.satisfaction === 'dissatisfied' && ladder.dissatisfiedFlagsFollowUp;
    const reviewWindow = state.deadlines.find((d) => d.key === 'request-review' && runsOn(d, ctx.today));
    return accept(
      {
        type: 'return-visit-recorded',
        visitedOn,
        reached: c.reached,
        ...(c.satisfaction ? { satisfaction: c.satisfaction } : {}),
        noteDocumentId: c.noteDocumentId,
        followUp,
        reviewRightReminded: followUp && ladder.remindReviewRightWhileOpen && reviewWindow !== undefined,
      },
      ...(followUp ? followUpOpened(state, ctx, visitedOn, { kind: 'return-visit' }) : []),
    );
  },

  evaluate(state, c, ctx) {
    const invitation = (state.evaluations ?? []).filter((e) => e.subject === c.subject).pop();
    if (!invitation) {
      return refuse('transition_not_allowed', `There is no ${c.subject} to evaluate yet`, 'subject');
    }
    if (invitation.grade) {
      return refuse('transition_not_allowed', `The ${c.subject} was evaluated already`, 'subject');
    }
    const window = ctx.policy.ladder && openDeadline(state, ctx.policy.ladder.evaluationDeadline);
    if (!window || !runsOn(window, ctx.today)) {
      const last = state.deadlines.filter((d) => d.key === ctx.policy.ladder?.evaluationDeadline).pop();
      return refuse(
        'deadline_passed',
        `The window to evaluate ended${last ? ` on ${last.dueDate}` : ''}`,
        'subject',
      );
    }
    return accept(
      { type: 'evaluated', subject: c.subject, grade: c.grade, evaluatedOn: ctx.today },
      ...(c.grade === 'dissatisfied'
        ? followUpOpened(state, ctx, ctx.today, { kind: 'evaluation', subject: c.subject })
        : []),
    );
  },

  closeFollowUp(state, c, ctx) {
    const found = followUpOf(state, c.followUpId);
    if (!found.ok) return found.refusal;
    const closedOn = c.closedOn ?? ctx.today;
    const invalid = outsideDates('closedOn', closedOn, found.followUp.openedOn, ctx.today, 'the follow-up');
    if (invalid) return invalid;
    return accept({
      type: 'follow-up-closed',
      followUpId: c.followUpId,
      closedOn,
      closedWith: 'note',
      noteDocumentId: c.noteDocumentId,
    });
  },
} satisfies Partial<RuleMap>;

/**
 * A dissatisfied return visit or evaluation opens a follow-up only where the pinned rule set names its
 * deadline (cases pinned before keep the flag alone), and only when none is open: it joins the open one.
 */
function followUpOpened(
  state: CaseState,
  ctx: DecideContext,
  openedOn: string,
  cause: FollowUpCause,
): CaseEventBody[] {
  if (!ctx.policy.ladder?.followUpDeadline || openFollowUp(state.followUps)) return [];
  const followUpId = `follow-up-${(state.followUps?.length ?? 0) + 1}`;
  return [{ type: 'follow-up-opened', followUpId, openedOn, cause }];
}

/** The open follow-up a command names, or why it cannot act on it: unknown (404), or ended already (409). */
function followUpOf(
  state: CaseState,
  followUpId: string,
): { ok: true; followUp: NonNullable<CaseState['followUps']>[number] } | { ok: false; refusal: Decision } {
  const followUp = (state.followUps ?? []).find((f) => f.id === followUpId);
  if (!followUp) {
    return { ok: false, refusal: refuse('not_found', `Follow-up ${followUpId} not found`, 'followUpId') };
  }
  if (followUp.status !== 'open') {
    const when = followUp.closedOn ? ` on ${followUp.closedOn}` : '';
    return {
      ok: false,
      refusal: refuse('transition_not_allowed', `Follow-up ${followUpId} was ${followUp.status}${when}`),
    };
  }
  return { ok: true, followUp };
}

function gradeRefusal(c: CommandOf<'recordReturnVisit'>): Decision | undefined {
  if (c.reached && !c.satisfaction) {
    return refuse('invalid_argument', 'required when the petitioner was reached', 'satisfaction');
  }
  if (!c.reached && c.satisfaction) {
    return refuse('invalid_argument', 'only when the petitioner was reached', 'satisfaction');
  }
  return undefined;
}

/**
 * A second return visit answering an open follow-up: recorded like the first (its own note and grade); a
 * satisfied or basically satisfied petitioner closes the follow-up with it, otherwise it stays open.
 */
function secondVisit(state: CaseState, c: CommandOf<'recordReturnVisit'>, ctx: DecideContext): Decision {
  const found = followUpOf(state, c.followUpId ?? '');
  if (!found.ok) return found.refusal;
  const invalidGrade = gradeRefusal(c);
  if (invalidGrade) return invalidGrade;
  const visitedOn = c.visitedOn ?? ctx.today;
  const invalid = outsideDates('visitedOn', visitedOn, found.followUp.openedOn, ctx.today, 'the follow-up');
  if (invalid) return invalid;
  const followUpId = found.followUp.id;
  const reviewWindow = state.deadlines.find((d) => d.key === 'request-review' && runsOn(d, ctx.today));
  const remind = c.satisfaction === 'dissatisfied' && ctx.policy.ladder?.remindReviewRightWhileOpen === true;
  return accept(
    {
      type: 'return-visit-recorded',
      visitedOn,
      reached: c.reached,
      ...(c.satisfaction ? { satisfaction: c.satisfaction } : {}),
      noteDocumentId: c.noteDocumentId,
      // The case is flagged already: the follow-up it answers stays open.
      followUp: false,
      reviewRightReminded: remind && reviewWindow !== undefined,
      followUpId,
    },
    ...(isSatisfied(c.satisfaction)
      ? [
          {
            type: 'follow-up-closed' as const,
            followUpId,
            closedOn: visitedOn,
            closedWith: 'second-visit' as const,
            noteDocumentId: c.noteDocumentId,
          },
        ]
      : []),
  );
}
