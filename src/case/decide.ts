import type { CasePolicy } from '../rules/case-policy';
import { type CaseCommand, PETITIONER_ACTOR } from './commands';
import { SUPERVISION_RULES } from './supervision-rules';
import { AFTERCARE_RULES } from './aftercare-rules';
import { CLOSURE_RULES } from './closure-rules';
import { PRIORITY_RULES } from './priority';
import { MANUAL_SUPERVISION_RULES } from './manual-supervision';
import { CASE_OWNER_RULES } from './case-owner';
import { RESOLUTION_RULES } from './resolution';
import { MERGE_RULES } from './merge';
import { itemsOf } from './supervision';
import { type DecideContext, type Decision, refuse, type RuleMap } from './decision';
import { FIRST_INSTANCE_RULES } from './first-instance-rules';
import { REVIEW_CHAIN_RULES } from './review-chain-rules';
import { type CaseState, holderOf } from './state';
import { extendingUnitOf, extensionAllowedAtStage, stageDeadlineKey } from './stage-extensions';
import { type Party, TRANSITIONS } from './transitions';

/**
 * Decides what a command does to the case: the events it leads to, or why it is refused. Pure: the
 * table says where and by whom; the rules below say what else must hold.
 */
export function decide(state: CaseState, command: CaseCommand, ctx: DecideContext): Decision {
  const closed = gate(state, command, ctx.policy);
  if (closed) return closed;
  const rule = RULES[command.type] as (s: CaseState, c: CaseCommand, x: DecideContext) => Decision;
  return rule(state, command, ctx);
}

/**
 * The table's part of the decision: whether the command may be given on the case in its status, by this
 * actor, under the pinned rule set — before the command's own rules look at what it carries. Undefined: open.
 */
export function gate(state: CaseState, command: CaseCommand, policy: CasePolicy): Decision | undefined {
  const entry = TRANSITIONS[command.type];
  const lapsed = entry.window
    ? state.deadlines.find((d) => d.key === entry.window && d.status === 'lapsed')
    : undefined;
  if (lapsed && state.closure?.deadlineKey === lapsed.key) {
    return refuse(
      'deadline_passed',
      `The window to request this (${lapsed.key}) ended on ${lapsed.dueDate}; the case is closed`,
    );
  }
  const barred = barredByRuleSet(command.type, policy);
  if (barred) return barred;
  if (!entry.from.includes(state.status) || !extensionAllowedAtStage(command.type, state, policy)) {
    return refuse(
      'transition_not_allowed',
      `${command.type} is not allowed on a petition that is ${state.status}`,
    );
  }
  const allowed = entry.by.some(
    ({ party, roles }) =>
      unitOf(state, party, policy, command) === command.actor.unitId &&
      rolesOf(party, roles, state, policy).some((role) => (command.actor.roles as string[]).includes(role)),
  );
  if (!allowed) {
    return refuse('not_responsible', `${command.actor.login} is not the one to do this on this petition`);
  }
  return undefined;
}

/** The unit acting as a party of this case. */
export function unitOf(
  state: CaseState,
  party: Party,
  policy: CasePolicy,
  command?: CaseCommand,
): string | undefined {
  switch (party) {
    case 'review-body':
      return state.review?.bodyUnitId;
    case 'reexamination-body':
      return state.reexamination?.bodyUnitId;
    case 'named-body':
      return command && 'bodyUnitId' in command ? command.bodyUnitId : undefined;
    case 'supervised-unit':
      return command && 'itemId' in command
        ? itemsOf(state).find((item) => item.id === command.itemId)?.unitId
        : undefined;
    case 'office':
      return state.officeUnitId;
    case 'petitioner':
      return PETITIONER_ACTOR.unitId;
    case 'case-owning-leader':
      // The leader is a person, not a unit: the unit they act for when it is they who act.
      return command && state.caseOwner && command.actor.login === state.caseOwner.leader
        ? command.actor.unitId
        : undefined;
    case 'registering-bureau':
      return state.bureauUnitId;
    case 'handling-unit':
      return state.handlingUnitId;
    case 'case-holder':
      return holderOf(state);
    case 'extending-unit':
      return extendingUnitOf(state);
    case 'extension-approver':
      // A review-chain deadline: the body's head approves (Beijing Art 50 ¶4: for its committee).
      if (stageDeadlineKey(state)) return extendingUnitOf(state);
      return approverIsAssigner(state, policy) ? state.bureauUnitId : state.handlingUnitId;
  }
}

/** A command the pinned rule set leaves out of its procedure altogether: refused naming the text. */
export function barredByRuleSet(type: CaseCommand['type'], policy: CasePolicy): Decision | undefined {
  const chain = policy.reviewChain;
  if (
    chain?.finalOpinion === 'review' &&
    (type === 'requestReexamination' || type === 'acceptReexaminationRequest')
  ) {
    return refuse(
      'transition_not_allowed',
      `${policy.ruleSetId} allows one review only (${chain.citation}): the review opinion is final, ` +
        'no re-examination request is accepted',
    );
  }
  return undefined;
}

function rolesOf(
  party: Party,
  roles: readonly string[],
  state: CaseState,
  policy: CasePolicy,
): readonly string[] {
  if (party !== 'extension-approver') return roles;
  if (stageDeadlineKey(state)) return ['unit-head'];
  return approverIsAssigner(state, policy) ? ['supervisor'] : ['unit-head'];
}

/** Shandong Art 42 ¶2: an assigned (交办) matter is extended with the assigner's approval. */
function approverIsAssigner(state: CaseState, policy: CasePolicy): boolean {
  return state.routing?.mode === 'assign' && policy.extension.assignedMatterApproverRole === 'assigning-body';
}

const RULES: RuleMap = {
  ...FIRST_INSTANCE_RULES,
  ...REVIEW_CHAIN_RULES,
  ...SUPERVISION_RULES,
  ...AFTERCARE_RULES,
  ...CLOSURE_RULES,
  ...PRIORITY_RULES,
  ...MANUAL_SUPERVISION_RULES,
  ...CASE_OWNER_RULES,
  ...RESOLUTION_RULES,
  ...MERGE_RULES,
};
