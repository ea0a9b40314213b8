/**
 * Words the rule sets share with the case engine. Free of libraries, so that workflow code can import it.
 */

/** Categories (Art 29–31): suggestion 建议意见, accusation 检举控告, complaint/demand 申诉求决. */
export const CATEGORIES = ['suggestion', 'accusation', 'complaint'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Normal handling (D5) or the simplified procedure (简易办理) for first-time, clear-cut matters. */
export const PROCEDURES = ['normal', 'simplified'] as const;
export type Procedure = (typeof PROCEDURES)[number];

/**
 * What happens in a case that a deadline starts or stops at. The case engine turns its events into these
 * triggers; a rule set says which deadline starts (`startsAt`) and which it meets (`stopsAt`).
 */
export const CASE_TRIGGERS = [
  'received-by-bureau', // the petition bureau receives the petition
  'routed', // the bureau transfers (转送) or assigns (交办) it, or re-routes it after an objection
  'received-by-unit', // a unit receives it, directly from the petitioner or by transfer
  'transfer-received', // a unit receives a transfer or assignment from a bureau or a superior
  'assignment', // a matter is assigned (交办) with a deadline set by the assigner
  'objection-raised', // the unit objects to a misrouting (异议)
  'objection-decided', // the bureau upholds the routing or re-routes
  'diverted', // diverted to litigation, arbitration, reconsideration or discipline (引导)
  'not-accepted', // not accepted (不予受理)
  'accepted', // the handling unit accepts (受理) the matter
  'procedure-changed', // simplified ↔ normal procedure
  'reply-delivered', // the petitioner receives the written reply (信访处理意见书)
  'review-requested', // the review body receives the review request
  'review-request-decided', // the review body accepts or refuses the request (Shandong)
  'review-reply-delivered', // the petitioner receives the review opinion
  'rehandling-ordered', // the review opinion revokes the reply and orders the matter handled again
  'reexamination-requested', // the re-examination body receives the request
  'reexamination-request-decided', // the re-examination body accepts or refuses the request (Shandong)
  'reexamination-opinion-delivered', // the re-examination opinion is delivered (final)
  'supervision-issued', // a supervision notice (督办) reaches the unit
  'supervision-feedback-submitted', // the unit answers the supervision notice
  'return-visit-scheduled', // a return visit (回访) is scheduled after the reply
  'return-visit-recorded', // its outcome is recorded
  'evaluation-invited', // the petitioner is invited to evaluate (满意度评价)
  'evaluated', // the petitioner evaluated
  'agreement-carried-out', // the petitioner and the parties concerned carried out their agreement (浙江 Art 25 (1))
  'case-owner-set', // a case-owning leader (包案) is named, or their target date moves, before the matter is replied to
  'supported-opinion-delivered', // a written reply that supports the request (支持, Art 32 (一)) is delivered
  'opinion-carried-out', // the supported opinion was carried out (Art 32 ¶2 督促执行)
  'follow-up-opened', // a dissatisfied return visit or evaluation opens a follow-up (跟踪回访)
  'follow-up-closed', // the unit closes the follow-up: a note, or a second visit the petitioner was satisfied with
] as const;
export type CaseTrigger = (typeof CASE_TRIGGERS)[number];

/**
 * What a deadline's expiry does: `supervise` — the bureau's supervision notice (督办) to whoever must act;
 * `lapse-and-close` — a party's window ran out and the case is final (review window unused);
 * `lapse-and-continue` — the window ran out and the case goes on as it stands (objection window unused:
 * the transfer stands); `escalate` — straight to the joint-conference office (联席办).
 */
export const EXPIRY_POLICIES = ['supervise', 'lapse-and-close', 'lapse-and-continue', 'escalate'] as const;
export type ExpiryPolicy = (typeof EXPIRY_POLICIES)[number];
