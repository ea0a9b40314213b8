/**
 * Every deadline the rulebook knows. A rule set defines a subset: the Shandong-only acceptance decisions on
 * review and re-examination requests (山东省信访条例 Art 43–44) are absent from the national set.
 */
export const DEADLINE_KEYS = [
  'route', // D1 register and route (转送/交办)
  'acknowledge', // D2 written notice of receipt and handling path (受理告知)
  'object', // D3 objection to a misrouted transfer
  'decide-objection', // the bureau re-routes or upholds the routing after an objection
  'settle-objection', // an objection still unsettled then goes to the joint-conference office (联席办)
  'report-assigned', // D4 result report on an assigned (交办) matter; length set by the assigner
  'handle', // D5 handle and reply in writing (D6 extension applies here)
  'handle-simplified', // simplified procedure (简易办理)
  'handle-service-norm', // suggestions and accusations: no statutory limit, a 60 d service norm
  'request-review', // D7 petitioner's window to request a review (复查)
  'accept-review', // review body decides whether to accept the request (Shandong)
  'review', // D8 review opinion
  'request-reexamination', // D9 petitioner's window to request a re-examination (复核)
  'accept-reexamination', // re-examination body decides whether to accept the request (Shandong)
  'reexamine', // D10 re-examination opinion; hearing time not counted
  'supervision-feedback', // written feedback after a supervision notice (督办)
  'return-visit', // return visit (回访) after the written reply is delivered
  'evaluation', // the petitioner's window to evaluate (满意度评价)
  'case-owner-target', // the case-owning leader's target date (包案办结时限, 四定四包)
  'carry-out', // carry out a supported opinion (Art 32 ¶2 督促执行); outlives the case's closure
  'follow-up', // the unit's follow-up (跟踪回访) of a dissatisfied return visit or evaluation
] as const;

export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

export function isDeadlineKey(value: string): value is DeadlineKey {
  return (DEADLINE_KEYS as readonly string[]).includes(value);
}
