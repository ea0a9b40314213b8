import type { CaseDeadlinePolicy, CasePolicy } from '../rules/case-policy';
import { accept, outsideDates, refuse, type RuleMap } from './decision';

/**
 * The four 包 of 四定四包 (S21): what the case-owning leader takes on personally — 包调查 (the investigation),
 * 包处理 (the handling), 包疏导教育 (talking the petitioner through it) and 包息诉罢访 (the petitioner stops).
 */
export const CASE_OWNER_WORK_KINDS = [
  'investigation',
  'handling',
  'education',
  'petitioner-stopped',
] as const;
export type CaseOwnerWorkKind = (typeof CASE_OWNER_WORK_KINDS)[number];

/** One of the four 包, done on `doneOn`, recorded by the leader or on the leader's behalf. */
export interface CaseOwnerWork {
  kind: CaseOwnerWorkKind;
  doneOn: string;
  noteDocumentId: string;
  /** The case-owning leader it was done under. */
  leader: string;
  recordedBy: string;
  recordedOn: string;
}

/** The rule-set deadlines a case-owning leader's target date starts (rule sets 1.4.0 / 1.5.0 on). */
export function caseOwnerDeadlines(policy: CasePolicy): CaseDeadlinePolicy[] {
  return policy.deadlines.filter((rule) => rule.startsAt === 'case-owner-set');
}

export const CASE_OWNER_RULES = {
  recordCaseOwnerWork(state, c, ctx) {
    const owner = state.caseOwner;
    if (!owner) return refuse('transition_not_allowed', 'The petition has no case-owning leader (包案)');
    // The API checks the kind too; a command from elsewhere (a script, an old client) is refused here.
    if (!(CASE_OWNER_WORK_KINDS as readonly string[]).includes(c.kind)) {
      return refuse('invalid_argument', `must be one of ${CASE_OWNER_WORK_KINDS.join(', ')}`, 'kind');
    }
    if (!c.noteDocumentId) return refuse('invalid_argument', 'a note is required', 'note');
    const outside = outsideDates('doneOn', c.doneOn, state.receivedOn, ctx.today, 'the receipt');
    if (outside) return outside;
    const done = (state.caseOwnerWork ?? []).find((w) => w.kind === c.kind && w.leader === owner.leader);
    if (done) {
      return refuse(
        'transition_not_allowed',
        `${c.kind} was recorded already for ${owner.leader} (done on ${done.doneOn})`,
      );
    }
    return accept({
      type: 'case-owner-work-recorded',
      kind: c.kind,
      doneOn: c.doneOn,
      noteDocumentId: c.noteDocumentId,
      leader: owner.leader,
      recordedOn: ctx.today,
    });
  },
} satisfies Partial<RuleMap>;
