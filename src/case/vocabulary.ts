/**
 * The codes of a petition case, shared by the case core, the workflow, the read model and the API.
 * Free of libraries so that workflow code can import it.
 */
export { CATEGORIES, PROCEDURES, type Category, type Procedure } from '../rules/case-vocabulary';

/**
 * Registration level (信访层级): the level of the bureau that registered a petition, or the origin of one
 * transferred down from a higher level. Highest first.
 */
export const REGISTRATION_LEVELS = ['national', 'province', 'city', 'county'] as const;
export type RegistrationLevel = (typeof REGISTRATION_LEVELS)[number];

/** Channels a petition arrives through (Art 17, 21). */
export const CHANNELS = ['online', 'letter', 'phone', 'fax', 'visit', 'transferred'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Outcomes of a written opinion (Art 32): 支持 / 解释说明 / 不予支持. */
export const OUTCOMES = ['supported', 'explained', 'not-supported'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Where a case stands. `registered`: with the petition bureau, to be routed (D1); `transferred`: with a
 * handling unit, awaiting its acceptance decision (D2, objection window D3); `objected`: the unit objected
 * to the routing and the bureau decides; `accepted`: being handled (D5); `replied`: written reply
 * delivered, review window open (D7); `review-requested`: the review body decides whether to accept
 * (Shandong); `under-review`: the review body (复查) prepares its opinion (D8); `reviewed`: review opinion
 * delivered, re-examination window open (D9); `reexamination-requested`: the re-examination body decides
 * whether to accept (Shandong); `under-reexamination`: the re-examination body (复核) prepares its opinion
 * (D10, hearings pause it); `closed`: nothing further can happen.
 */
export const STATUSES = [
  'registered',
  'transferred',
  'objected',
  'accepted',
  'replied',
  'review-requested',
  'under-review',
  'reviewed',
  'reexamination-requested',
  'under-reexamination',
  'closed',
] as const;
export type CaseStatus = (typeof STATUSES)[number];

/** Transfer (转送) or assignment with a report-back deadline (交办). */
export const ROUTING_MODES = ['transfer', 'assign'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** Procedures a complaint belongs in instead of this one (Art 31 (1)–(5)): diverted there (引导). */
export const DIVERSION_TARGETS = [
  'litigation',
  'arbitration',
  'reconsideration',
  'discipline',
  'other-statutory',
] as const;
export type DiversionTarget = (typeof DIVERSION_TARGETS)[number];

/** Why a petition is not accepted (不予受理). */
export const NOT_ACCEPTED_REASONS = [
  'already-being-handled', // the same matter is being handled within its time limit (Art 19 ¶3)
  'final', // the same facts and reasons after a re-examination opinion (Art 36 ¶3)
  'outside-remit', // not a matter for petition work or this system
  'other',
] as const;
export type NotAcceptedReason = (typeof NOT_ACCEPTED_REASONS)[number];

export const CLOSURE_REASONS = [
  'window-lapsed',
  'withdrawn',
  'diverted',
  'not-accepted',
  'final',
  'verified', // 核查 completed and approved (上海 Art 42 (二))
  'agreement-carried-out', // an agreement carried out (浙江 Art 25 (1))
  'merged', // 并案: merged into the case it repeats (reopened if the merge is undone)
] as const;

/** What a review or re-examination opinion does to the opinion below it (维持 / 变更 / 撤销并责令重新办理). */
export const HIGHER_OUTCOMES = ['upheld', 'changed', 'revoked'] as const;
export type HigherOutcome = (typeof HIGHER_OUTCOMES)[number];
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Roles a user can hold; a user acts for one unit. */
export const ROLES = ['registrar', 'handler', 'unit-head', 'supervisor', 'jco', 'admin'] as const;
export type Role = (typeof ROLES)[number];
