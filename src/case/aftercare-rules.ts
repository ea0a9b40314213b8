import { accept, outsideDates, refuse, runsOn, type RuleMap } from './decision';
import { openDeadline } from './state';

/** After the reply: the handling unit's return visit (回访) and the petitioner's evaluation (满意度评价). */
export const AFTERCARE_RULES = {
  recordReturnVisit(state, c, ctx) {
    const ladder = ctx.policy.ladder;
    const due = ladder && openDeadline(state, ladder.returnVisitDeadline);
    if (!ladder || !due) return refuse('transition_not_allowed', 'No return visit is due on this petition');
    if (c.reached && !c.satisfaction) {
      return refuse('invalid_argument', 'required when the petitioner was reached', 'satisfaction');
    }
    if (!c.reached && c.satisfaction) {
      return refuse('invalid_argument', 'only when the petitioner was reached', 'satisfaction');
    }
    const visitedOn = c.visitedOn ?? ctx.today;
    const invalid = outsideDates('visitedOn', visitedOn, due.startDate, ctx.today, 'the reply');
    if (invalid) return invalid;
    const followUp = c.satisfaction === 'dissatisfied' && ladder.dissatisfiedFlagsFollowUp;
    const reviewWindow = state.deadlines.find((d) => d.key === 'request-review' && runsOn(d, ctx.today));
    return accept({
      type: 'return-visit-recorded',
      visitedOn,
      reached: c.reached,
      ...(c.satisfaction ? { satisfaction: c.satisfaction } : {}),
      noteDocumentId: c.noteDocumentId,
      followUp,
      reviewRightReminded: followUp && ladder.remindReviewRightWhileOpen && reviewWindow !== undefined,
    });
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
    return accept({ type: 'evaluated', subject: c.subject, grade: c.grade, evaluatedOn: ctx.today });
  },
} satisfies Partial<RuleMap>;
