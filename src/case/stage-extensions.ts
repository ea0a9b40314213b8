import type { CasePolicy } from '../rules/case-policy';
import type { CommandType } from './commands';
import type { CaseState } from './state';

/**
 * Extensions by stage. D5 is extended while the unit handles the matter; where the pinned rule set says so
 * (`extension.reviewChainDeadlines`, Beijing Art 50 ¶4), D8 by the review body during the review and D10 by the
 * re-examination body during the re-examination. Cases pinned without it extend in `accepted` only, as before.
 */
const STAGE_DEADLINES: Partial<Record<CaseState['status'], string>> = {
  'under-review': 'review',
  'under-reexamination': 'reexamine',
};

const EXTENSION_COMMANDS: readonly CommandType[] = [
  'requestExtension',
  'approveExtension',
  'refuseExtension',
];

/** The review-chain deadline the stage's body may extend now, if the case is at such a stage. */
export function stageDeadlineKey(state: CaseState): string | undefined {
  return STAGE_DEADLINES[state.status];
}

/** Whether the pinned policy lets this extension command be made at the case's stage (the table allows more). */
export function extensionAllowedAtStage(type: CommandType, state: CaseState, policy: CasePolicy): boolean {
  if (!EXTENSION_COMMANDS.includes(type)) return true;
  const key = stageDeadlineKey(state);
  return key === undefined || (policy.extension.reviewChainDeadlines ?? []).includes(key);
}

/** The unit that must meet the deadline extended at this stage: the body during its stage, else the handling unit. */
export function extendingUnitOf(state: CaseState): string | undefined {
  switch (state.status) {
    case 'under-review':
      return state.review?.bodyUnitId;
    case 'under-reexamination':
      return state.reexamination?.bodyUnitId;
    default:
      return state.handlingUnitId;
  }
}

/** The unit acting on an extension's deadline (who is told of a request, and tells the petitioner). */
export function unitExtending(state: CaseState, deadlineKey: string): string | undefined {
  if (deadlineKey === 'review') return state.review?.bodyUnitId;
  if (deadlineKey === 'reexamine') return state.reexamination?.bodyUnitId;
  return state.handlingUnitId;
}
