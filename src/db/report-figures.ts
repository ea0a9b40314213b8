import type { ActKind } from './report-acts';
/**
 * Every published figure, defined once: its Chinese name, its formula in words (shown in the API docs and
 * the dashboard), and the SQL that counts it over `report_cases` (alias `c`). Parameters in the SQL:
 * `$asOf` — the date the figures are taken at (outcomes known by then); `$end` — the period's last day, or
 * `$asOf` when earlier; `$start` — the period's first day.
 *
 * "On time" follows the statutory dates: a limit met on its due date is met on time; an approved extension
 * moves D5 (the due date stored is the extended one); a withdrawn case has no D5 to meet.
 */
export interface RateDefinition {
  label: string;
  formula: string;
  numerator: string;
  denominator: string;
}

export const RATES = {
  timelyAcceptance: {
    label: '及时受理率',
    formula:
      'cases whose acceptance notice (受理告知, D2) was given on or before its due date ÷ cases of the period ' +
      'whose D2 was met, or had passed, by the as-of date',
    numerator: 'c.acknowledged_on <= c.acknowledge_due',
    denominator:
      'c.acknowledge_due IS NOT NULL AND (c.acknowledged_on IS NOT NULL OR c.acknowledge_due < $asOf)',
  },
  onTimeCompletion: {
    label: '按期办结率',
    formula:
      'cases whose written reply was delivered on or before D5 (including granted extensions) ÷ cases of the ' +
      'period, not withdrawn, whose D5 was met, or had passed, by the as-of date',
    numerator: 'NOT c.withdrawn AND c.handled_on <= c.handle_due',
    denominator:
      'NOT c.withdrawn AND c.handle_due IS NOT NULL AND (c.handled_on IS NOT NULL OR c.handle_due < $asOf)',
  },
  participation: {
    label: '参评率',
    formula: 'evaluations given ÷ invitations to evaluate (one per acceptance notice and per written reply)',
    numerator: 'c.evaluations_given',
    denominator: 'c.evaluations_invited',
  },
  satisfaction: {
    label: '满意率',
    formula: 'evaluations graded satisfied or basically satisfied ÷ evaluations given',
    numerator: 'c.evaluations_satisfied',
    denominator: 'c.evaluations_given',
  },
  caseOwnedOnTime: {
    label: '包案按期办结率',
    formula:
      'case-owned (包案) cases settled (written reply delivered, or agreement carried out) on or before the ' +
      'leader’s target date ÷ case-owned cases of the period, not withdrawn, settled by now or whose target ' +
      'date had passed by the as-of date while still open',
    numerator: 'c.case_owned AND NOT c.withdrawn AND c.owner_settled_on <= c.owner_target_date',
    denominator:
      'c.case_owned AND NOT c.withdrawn AND c.owner_target_date IS NOT NULL AND (c.owner_settled_on IS NOT NULL ' +
      'OR (c.owner_target_date < $asOf AND c.closed_on IS NULL))',
  },
} satisfies Record<string, RateDefinition>;

export type RateId = keyof typeof RATES;

/** Whether a rate counts cases (filters) or sums counts kept per case (the evaluations). */
export const SUMMED_RATES: readonly RateId[] = ['participation', 'satisfaction'];

/** The backlog (积案) at a date `$at`: open past D5 — D5 passed before that day, not met nor closed by it. */
export const BACKLOG = {
  label: '积案',
  formula:
    'cases (any received date) whose D5 had passed before the date and that were neither replied to nor ' +
    'closed by it, withdrawn cases excepted; cleared (化解) = the backlog at the period start replied to or ' +
    'closed by its end',
  at: (at: string) =>
    `NOT c.withdrawn AND c.received_on <= ${at} AND c.handle_due < ${at}
     AND (c.handled_on IS NULL OR c.handled_on > ${at}) AND (c.closed_on IS NULL OR c.closed_on > ${at})`,
};

export const COUNTS = {
  received: { label: '信访事项', formula: 'cases received (registered) in the period' },
  firstTime: {
    label: '初信初访',
    formula: 'cases of the period with no earlier petition of the same petitioner on the same matter',
  },
  repeat: {
    label: '重复信访',
    formula: 'cases of the period linked to an earlier one (each counted once, as repeat)',
  },
  transferredOut: {
    label: '责任单位不属于本辖区（转出）',
    formula:
      'cases of the period a bureau of the scope transferred out (转出) to the bureau of the area their ' +
      'responsible unit lies in, outside the scope; not among the cases the other figures count',
  },
  caseOwned: {
    label: '领导包案',
    formula: 'cases of the period with a case-owning leader (包案), and their on-time completion rate',
  },
  notices: { label: '督办', formula: 'supervision notices issued in the period to the unit' },
  escalations: {
    label: '提交联席办',
    formula: 'items escalated to the joint-conference office in the period',
  },
  listed: { label: '挂牌督办', formula: 'items listed for supervision by the office in the period' },
  noticesAutomatic: {
    label: '督办·逾期自动督办',
    formula: 'notices of the period issued automatically when a deadline passed (part of 督办)',
  },
  noticesManual: {
    label: '督办·本级督办交办',
    formula: 'manual 督办 / 交办 of the period issued by the petition bureau itself (part of 督办)',
  },
  noticesJointConference: {
    label: '督办·联席会议交办',
    formula: 'manual 督办 / 交办 of the period issued by the joint-conference office (part of 督办)',
  },
  noticesHigherBureau: {
    label: '督办·上级交办',
    formula: '督办 of the period received from a higher bureau and recorded by the bureau (part of 督办)',
  },
  resolved: {
    label: '解决到位',
    formula:
      'cases in scope (any received date) recorded resolved (三到位一处理, Art 27) with a date in the period',
  },
  educated: {
    label: '教育疏导到位',
    formula: 'cases in scope recorded educated and guided with a date in the period',
  },
  aided: {
    label: '帮扶救助到位',
    formula: 'cases in scope recorded aided (any kind of aid) with a date in the period',
  },
  lawfullyHandled: {
    label: '依法处理',
    formula: 'cases in scope recorded handled by law with a date in the period',
  },
  agreements: {
    label: '调解、和解协议',
    formula: 'cases in scope with a mediation or settlement agreement (Art 33) signed in the period',
  },
  stoppedPetitioning: {
    label: '息诉罢访',
    formula: 'cases in scope whose petitioner stopped petitioning in the period',
  },
  carriedOut: {
    label: '支持意见已落实',
    formula: 'cases in scope whose supported opinion (Art 32 ¶2) was carried out on a day in the period',
  },
  carryOutDue: {
    label: '支持意见待落实',
    formula:
      'cases in scope, as they stand now, with a supported opinion not yet carried out: the carry-out deadline ' +
      'of rule sets 1.4.0 on still open, overdue ones included',
  },
  carryOutOverdue: {
    label: '支持意见逾期未落实',
    formula: 'of those awaiting, the cases whose carry-out deadline has passed (now)',
  },
} as const;

/** Channel groups the reports use (其他 takes telephone, fax and transfers in). */
export const CHANNEL_GROUP_SQL = `CASE WHEN c.channel IN ('online', 'visit', 'letter') THEN c.channel ELSE 'other' END`;

/** The unit a case is counted for in rankings: its handling unit, or the bureau while it has none. */
export const RESPONSIBLE_UNIT_SQL = 'COALESCE(c.handling_unit_id, c.bureau_unit_id)';

/**
 * The after-care (回访, 满意度评价, 跟踪回访), counted by the day each act happened in the period (`$start`
 * to `$to`) on the cases of the scope: the acts of the cases' folds (report_acts, src/db/report-acts.ts).
 */
export interface AftercareFigure {
  label: string;
  formula: string;
  /** The act it counts, and the act's detail where it counts only one. */
  act: ActKind;
  detail?: string;
}

export const AFTERCARE = {
  returnVisits: {
    label: '回访',
    formula:
      'return visits recorded with a visit date in the period, the second visits of a follow-up included',
    act: 'return-visit',
  },
  returnVisitsSatisfied: {
    label: '回访满意',
    formula: 'return visits of the period where the petitioner was satisfied',
    act: 'return-visit',
    detail: 'satisfied',
  },
  returnVisitsBasicallySatisfied: {
    label: '回访基本满意',
    formula: 'return visits of the period where the petitioner was basically satisfied',
    act: 'return-visit',
    detail: 'basically-satisfied',
  },
  returnVisitsDissatisfied: {
    label: '回访不满意',
    formula: 'return visits of the period where the petitioner was dissatisfied',
    act: 'return-visit',
    detail: 'dissatisfied',
  },
  returnVisitsUnreached: {
    label: '回访未联系上',
    formula: 'return visits of the period where the petitioner was not reached (no grade)',
    act: 'return-visit',
    detail: 'unreached',
  },
  evaluationsSatisfied: {
    label: '评价满意',
    formula: 'evaluations the petitioner gave in the period graded satisfied',
    act: 'evaluation',
    detail: 'satisfied',
  },
  evaluationsBasicallySatisfied: {
    label: '评价基本满意',
    formula: 'evaluations the petitioner gave in the period graded basically satisfied',
    act: 'evaluation',
    detail: 'basically-satisfied',
  },
  evaluationsDissatisfied: {
    label: '评价不满意',
    formula: 'evaluations the petitioner gave in the period graded dissatisfied',
    act: 'evaluation',
    detail: 'dissatisfied',
  },
  followUpsOpened: {
    label: '跟踪回访(开启)',
    formula: 'follow-ups a dissatisfied return visit or evaluation opened in the period',
    act: 'follow-up-opened',
  },
  followUpsClosed: {
    label: '跟踪回访(办结)',
    formula: 'follow-ups the unit closed in the period, with a note or a satisfied second visit',
    act: 'follow-up-closed',
  },
  followUpsOverdue: {
    label: '跟踪回访(逾期)',
    formula:
      'follow-ups whose deadline fell due in the period and passed unmet (overdue; met late or not at all)',
    act: 'follow-up-overdue',
  },
} as const satisfies Record<string, AftercareFigure>;

export type AftercareFigureId = keyof typeof AFTERCARE;
