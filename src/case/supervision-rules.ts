import type { CommandOf } from './commands';
import { addDays } from '../rules/dates';
import { accept, type Decision, outsideAhead, refuse, type RuleMap } from './decision';
import { FIRST_INSTANCE_RULES } from './first-instance-rules';
import type { CaseState } from './state';
import { itemsOf, type SupervisionItem } from './supervision';

/**
 * The supervision ladder's staff acts: the supervised unit's written feedback (督办反馈), and the joint-conference
 * office's listing (挂牌督办), instructions and settling of a jurisdiction dispute (Art 24, 39, 40).
 */
export const SUPERVISION_RULES = {
  supervisionFeedback(state, c, ctx) {
    const found = activeItem(state, c.itemId);
    if (!found.ok) return found.decision;
    if (found.item.status === 'answered') {
      return refuse('transition_not_allowed', `Supervision item ${c.itemId} was answered already`);
    }
    const limit = ctx.policy.dateLimits?.feedbackTargetDays;
    const today = { date: ctx.today, label: 'today' };
    const outside = outsideAhead('targetDate', c.targetDate, today, ctx.today, limit);
    if (outside) return outside;
    return accept({
      type: 'supervision-feedback',
      itemId: c.itemId,
      reportDocumentId: c.reportDocumentId,
      targetDate: c.targetDate,
      submittedOn: ctx.today,
    });
  },

  listSupervision(state, c, ctx) {
    const found = activeItem(state, c.itemId);
    if (!found.ok) return found.decision;
    if (found.item.level !== 'office') {
      const where = found.item.level === 'listed' ? 'is listed already' : 'has not reached the office';
      return refuse('transition_not_allowed', `Supervision item ${c.itemId} ${where}`);
    }
    const limit = ctx.policy.dateLimits?.listingCorrectByDays;
    const tomorrow = { date: addDays(ctx.today, 1), label: 'tomorrow' };
    const outside = outsideAhead('correctBy', c.correctBy, tomorrow, ctx.today, limit);
    if (outside) return outside;
    return accept({
      type: 'supervision-listed',
      itemId: c.itemId,
      correctBy: c.correctBy,
      noteDocumentId: c.noteDocumentId,
      listedOn: ctx.today,
    });
  },

  instructSupervision(state, c, ctx) {
    const found = activeItem(state, c.itemId);
    if (!found.ok) return found.decision;
    if (found.item.level === 'notice') {
      return refuse('transition_not_allowed', `Supervision item ${c.itemId} has not reached the office`);
    }
    return accept({
      type: 'supervision-instructed',
      itemId: c.itemId,
      unitId: c.unitId,
      unitName: c.unitName,
      instructionDocumentId: c.instructionDocumentId,
      instructedOn: ctx.today,
    });
  },

  settleObjection(state, c, ctx) {
    const decided = FIRST_INSTANCE_RULES.decideObjection(
      state,
      { ...c, type: 'decideObjection' } as CommandOf<'decideObjection'>,
      ctx,
    );
    if (!decided.ok) return decided;
    return accept(
      ...decided.events.map((event) =>
        event.type === 'objection-decided' ? { ...event, by: 'joint-conference-office' as const } : event,
      ),
    );
  },
} satisfies Partial<RuleMap>;

function activeItem(
  state: CaseState,
  itemId: string,
): { ok: true; item: SupervisionItem } | { ok: false; decision: Decision } {
  const item = itemsOf(state).find((candidate) => candidate.id === itemId);
  if (!item)
    return { ok: false, decision: refuse('not_found', `No supervision item ${itemId} on this case`) };
  if (item.status === 'resolved' || item.status === 'closed') {
    return {
      ok: false,
      decision: refuse(
        'transition_not_allowed',
        `Supervision item ${itemId} is ${item.status}: the deadline it supervised ended`,
      ),
    };
  }
  return { ok: true, item };
}
