import { DEFAULT_DATE_LIMITS } from '../rules/case-policy';
import { addDays } from '../rules/dates';
import type { CommandOf } from './commands';
import { accept, type DecideContext, refuse, type RuleMap } from './decision';
import { type CaseState, holderOf } from './state';
import {
  MANUAL_ITEM_KEY,
  nextItemId,
  SUPERVISION_GROUNDS,
  SUPERVISION_KINDS,
  type SupervisionSource,
} from './supervision';

/**
 * Manual 督办 and 交办 (Art 40, S28–S29, S33): the petition bureau or the joint-conference office opens a ladder
 * item on any open case, overdue or not, addressed to the unit holding the case. It climbs the ladder as an
 * automatic item does (written feedback, the office, listing), but no deadline ends it: the unit's written
 * feedback does (Art 40 ¶4, 书面反馈), or the case closing.
 */
export const MANUAL_SUPERVISION_RULES = {
  supervise(state, c, ctx) {
    // The API checks these too; a command from elsewhere (a script, an old client) is refused here.
    if (!(SUPERVISION_KINDS as readonly string[]).includes(c.kind)) {
      return refuse('invalid_argument', `must be one of ${SUPERVISION_KINDS.join(', ')}`, 'kind');
    }
    if (c.ground !== undefined && !(SUPERVISION_GROUNDS as readonly string[]).includes(c.ground)) {
      return refuse('invalid_argument', `must be one of ${SUPERVISION_GROUNDS.join(', ')}`, 'ground');
    }
    if (c.kind === 'supervise' && !c.ground) {
      return refuse('invalid_argument', 'a 督办 names its Art 40 ground', 'ground');
    }
    if (!c.noteDocumentId) return refuse('invalid_argument', 'the notice is required', 'note');
    const source = sourceOf(state, c);
    if (source === 'joint-conference' && c.issuer) {
      return refuse(
        'invalid_argument',
        'only the petition bureau records a 督办 from a higher bureau',
        'from',
      );
    }
    const unitId = holderOf(state);
    if (!unitId || (source === 'manual' && unitId === state.bureauUnitId)) {
      return refuse(
        'transition_not_allowed',
        'The case is still with the bureau: route it first, a 督办 goes to the unit that holds the case',
      );
    }
    return accept({
      type: 'supervision-opened',
      itemId: nextItemId(state, MANUAL_ITEM_KEY),
      source,
      kind: c.kind,
      ...(c.ground ? { ground: c.ground } : {}),
      unitId,
      noteDocumentId: c.noteDocumentId,
      openedOn: ctx.today,
      feedbackDue: addDays(ctx.today, manualFeedbackDays(ctx)),
      ...(c.issuer ? { issuer: c.issuer } : {}),
    });
  },
} satisfies Partial<RuleMap>;

/** The joint-conference office's own (联席会议交办件), one received from a higher bureau, or the bureau's. */
function sourceOf(state: CaseState, c: CommandOf<'supervise'>): Exclude<SupervisionSource, 'automatic'> {
  const byOffice = c.actor.unitId === state.officeUnitId && c.actor.roles.includes('jco');
  if (byOffice) return 'joint-conference';
  return c.issuer ? 'higher-bureau' : 'manual';
}

/**
 * The rule set's period for a manual item's feedback; a case pinned before rule sets had one takes its
 * version's feedback target limit (30 d: the feedback period of the 2005 text, Shandong and Shanghai).
 */
export function manualFeedbackDays(ctx: DecideContext): number {
  const { policy } = ctx;
  return (
    policy.manualSupervision?.feedbackDays ??
    policy.dateLimits?.feedbackTargetDays ??
    DEFAULT_DATE_LIMITS.feedbackTargetDays
  );
}
