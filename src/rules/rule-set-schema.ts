import { z } from 'zod';
import { DEADLINE_KEYS } from './deadline-keys';
import { isIsoDate } from './dates';
import { CASE_TRIGGERS, CATEGORIES, EXPIRY_POLICIES, PROCEDURES } from './case-vocabulary';

/**
 * Who acts on a deadline, or is told about it: a party of the case, relative to it (not a user's role, which
 * is `Role` in the case vocabulary).
 */
export const DEADLINE_PARTIES = [
  'petition-bureau', // 信访部门: registers, routes, supervises
  'handling-unit', // 承办单位
  'unit-head', // 负责人 of the handling unit: approves extensions
  'petitioner', // 信访人
  'review-body', // 复查机关
  'reexamination-body', // 复核机关
  'joint-conference-office', // 联席会议办公室
  'case-owning-leader', // 包案领导
  'assigning-body', // the body that assigned (交办) the matter and set its deadline
] as const;

export const DEADLINE_UNITS = ['calendar-days', 'working-days'] as const;
export const DEADLINE_KINDS = ['statutory', 'service-norm'] as const;

const party = z.enum(DEADLINE_PARTIES);
const deadlineKey = z.enum(DEADLINE_KEYS);
const nonEmptyText = z.string().trim().min(1);
const positiveDays = z.int().positive().max(3650);
const isoDate = z.string().refine(isIsoDate, { message: 'expected a real date YYYY-MM-DD' });

const warningSchema = z.strictObject({
  /** Calendar days before the due date; the warning fires at 00:00 of that day. */
  daysBefore: positiveDays,
  notify: z.array(party).min(1),
});

const escalationRungSchema = z.strictObject({
  rung: z.int().positive(),
  /** Calendar days after the deadline passed (24:00 of the due date); 0 = at once. */
  daysAfter: z.int().nonnegative().max(3650),
  notify: z.array(party).min(1),
});

const expirySchema = z
  .strictObject({
    policy: z.enum(EXPIRY_POLICIES),
    escalations: z.array(escalationRungSchema),
  })
  .superRefine((expiry, ctx) => {
    expiry.escalations.forEach((rung, index) => {
      if (rung.rung !== index + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalations', index, 'rung'],
          message: `expected rung ${index + 1}`,
        });
      }
      const previous = expiry.escalations[index - 1];
      if (previous && rung.daysAfter < previous.daysAfter) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalations', index, 'daysAfter'],
          message: 'rungs must not fire earlier than the rung before them',
        });
      }
    });
    if (expiry.policy.startsWith('lapse-') && expiry.escalations.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['policy'],
        message: 'a deadline whose expiry only lapses a window has nobody to escalate',
      });
    }
  });

export const deadlineRuleSchema = z
  .strictObject({
    key: deadlineKey,
    title: nonEmptyText,
    length: positiveDays,
    unit: z.enum(DEADLINE_UNITS),
    /** The case event the period is counted from. */
    startsAt: z.enum(CASE_TRIGGERS),
    /** Case events that meet the deadline (the one who must act has acted). Closing the case cancels it. */
    stopsAt: z.array(z.enum(CASE_TRIGGERS)).min(1),
    /** Cases the deadline runs in; absent = all. */
    appliesTo: z
      .strictObject({
        categories: z.array(z.enum(CATEGORIES)).min(1).optional(),
        procedure: z.enum(PROCEDURES).optional(),
      })
      .optional(),
    /** The length is set per case by whoever starts it (e.g. the assigner of D4), up to this many days. */
    perCaseLength: z
      .strictObject({
        maxDays: positiveDays,
        /**
         * The case sets a date, not a period (a leader's target date, 包案): due exactly the set number of
         * calendar days after the start day, even a rest day — no statutory counting applies to it.
         */
        exactDate: z.literal(true).optional(),
      })
      .optional(),
    actor: party,
    kind: z.enum(DEADLINE_KINDS),
    /** Article(s) of the text the deadline implements, or the project default it follows. */
    citation: nonEmptyText,
    /** Time spent in a hearing is not counted (Art 36 for the re-examination); paused days are then allowed. */
    pausable: z.boolean(),
    warnings: z.array(warningSchema),
    expiry: expirySchema,
    note: nonEmptyText.optional(),
    /**
     * The deadline keeps running when the case closes (final), and the case stays open to its commands until
     * it is met: carrying out a supported opinion (Art 32 ¶2). Absent (versions before it): closing cancels it.
     */
    outlivesClosure: z.boolean().optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.perCaseLength?.exactDate && rule.unit !== 'calendar-days') {
      ctx.addIssue({
        code: 'custom',
        path: ['perCaseLength', 'exactDate'],
        message: 'a date set by the case is counted in calendar days',
      });
    }
    if (rule.perCaseLength && rule.length > rule.perCaseLength.maxDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['length'],
        message: 'the default length exceeds perCaseLength.maxDays',
      });
    }
    if (rule.stopsAt.includes(rule.startsAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['stopsAt'],
        message: 'a deadline cannot stop at the event that starts it',
      });
    }
    const seen = new Set<number>();
    rule.warnings.forEach((warning, index) => {
      if (seen.has(warning.daysBefore)) {
        ctx.addIssue({
          code: 'custom',
          path: ['warnings', index, 'daysBefore'],
          message: 'duplicate warning offset',
        });
      }
      seen.add(warning.daysBefore);
    });
  });

const textSchema = z.strictObject({
  title: nonEmptyText,
  year: z.int().min(1949).max(2199),
  /** Who issued it and how (adopted / promulgated / in force). */
  source: nonEmptyText,
  effectiveFrom: isoDate,
  /** The last day the text was in force (repealed or replaced); absent: still in force. */
  effectiveUntil: isoDate.optional(),
  /** The rule set of the text that replaced this one: cases received before it took effect take this one. */
  supersededBy: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a rule-set id')
    .optional(),
});

const countingSchema = z.strictObject({
  /** Civil Code Art 201: the day of the starting event is not counted. */
  excludeStartDay: z.boolean(),
  /** Civil Code Art 203: a period ending on a rest day ends on the next working day. */
  rollForwardToWorkingDay: z.boolean(),
  /** The only values the arithmetic implements; anything else is refused rather than silently ignored. */
  endOfDay: z.literal('24:00'),
  timeZone: z.literal('Asia/Shanghai'),
  basis: nonEmptyText,
});

const extensionSchema = z.strictObject({
  /** Deadlines that may be extended; any other deadline refuses extension days. */
  appliesTo: z.array(deadlineKey),
  /** Total of all grants, in the deadline's unit. */
  capDays: positiveDays,
  multipleGrants: z.boolean(),
  approverRole: party,
  /** Approver when the matter was assigned (交办) rather than transferred, if the text names one. */
  assignedMatterApproverRole: party.optional(),
  /** Requested and approved before the deadline passes. */
  requestBeforeDue: z.boolean(),
  petitionerToldReason: z.boolean(),
  citation: nonEmptyText,
  /**
   * Deadlines of the review chain (of those in appliesTo) that the body which must meet them may extend, its
   * head approving (Beijing Art 50 ¶4). Absent (versions before 1.4.0): extensions in the first instance only.
   */
  reviewChainDeadlines: z
    .array(z.enum(['review', 'reexamine']))
    .min(1)
    .optional(),
});

/** What the text changes of the review chain (复查 / 复核); absent: the national chain. */
const reviewChainSchema = z.strictObject({
  /** The opinion that ends the matter: `review` — one review only, no re-examination (Henan Art 27). */
  finalOpinion: z.enum(['review']),
  citation: nonEmptyText,
});

const supervisionSchema = z.strictObject({
  automaticNoticeOnExpiry: z.boolean(),
  /** The deadline the supervised unit's written feedback runs under. */
  feedbackDeadline: deadlineKey,
  citation: nonEmptyText,
  /**
   * A manual 督办 / 交办 (Art 40, not tied to a deadline): calendar days from the notice to the unit's written
   * feedback. Absent from the versions before national-2022 1.4.0 (see CasePolicy.manualSupervision).
   */
  manual: z
    .strictObject({ feedbackDays: z.number().int().min(1).max(366), citation: nonEmptyText })
    .optional(),
});

/**
 * How far ahead a date that staff set may lie, in calendar days after the day it is set: further is a typo
 * (2206 for 2026) or a unit postponing its own escalation, and is refused.
 */
const dateLimitsSchema = z.strictObject({
  /** The supervised unit's target date in its feedback (督办反馈). */
  feedbackTargetDays: z.number().int().min(1).max(366),
  /** The date a listed case (挂牌督办) is to be corrected by. */
  listingCorrectByDays: z.number().int().min(1).max(366),
  /** The case-owning leader's (包案) target date to resolve the matter. */
  caseOwnerTargetDays: z.number().int().min(1).max(366),
  citation: nonEmptyText,
});

const escalationSchema = z.strictObject({
  /** Where escalations go; per-deadline rungs (expiry.escalations) say when. */
  office: party,
  /** The deadline after which an objection to a routing that the bureau has not settled escalates. */
  objectionDeadline: deadlineKey,
  eachRungFiresOnce: z.boolean(),
  citation: nonEmptyText,
});

const evaluationSchema = z.strictObject({
  /** The petitioner's window to evaluate (满意度评价), kept in one place: that deadline's length. */
  deadline: deadlineKey,
  evaluates: z
    .array(z.enum(['acceptance-notice', 'written-reply', 'review-opinion', 'reexamination-opinion']))
    .min(1),
  grades: z.array(nonEmptyText).min(2),
});

const returnVisitSchema = z.strictObject({
  /** The timing is the deadline's (length days after the reply is delivered), kept in one place. */
  deadline: deadlineKey,
  dissatisfiedFlagsFollowUp: z.boolean(),
  remindReviewRightWhileOpen: z.boolean(),
  /**
   * A dissatisfied return visit or evaluation opens a follow-up (跟踪回访) the unit closes within this deadline.
   * Absent from the versions before 1.4.0 (national) / 1.5.0 (provinces): the case is only flagged.
   */
  followUp: z.strictObject({ deadline: deadlineKey }).optional(),
});

/**
 * The acceptance decision (受理 / 不予受理) as the text frames it: where it is a decision notified in writing
 * (信访条例 2005 Art 21 ¶3, 22 ¶2), an acceptance without its written notice is refused. Absent: as before.
 */
const acceptanceSchema = z.strictObject({
  writtenNoticeRequired: z.boolean(),
  citation: nonEmptyText,
});

/** Ways a text ends the procedure besides the national ones (each absent: not offered). */
const closuresSchema = z.strictObject({
  /** 核查: a check by a municipal department or district government, approved by the petition office (上海 Art 42 (二)). */
  verification: z.strictObject({ citation: nonEmptyText }).optional(),
  /** An agreement between the petitioner and the parties concerned, carried out (浙江 Art 25 (1)). */
  agreementCarriedOut: z.strictObject({ citation: nonEmptyText }).optional(),
});

const simplifiedProcedureSchema = z.strictObject({
  deadline: deadlineKey,
  eligibility: nonEmptyText,
  source: nonEmptyText,
});

const transitionalSchema = z.strictObject({
  appliesToRunningCases: z.boolean(),
  /** Where the text says so, e.g. "Art 52 ¶2". */
  citation: nonEmptyText,
});

export const ruleSetSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase slug'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected MAJOR.MINOR.PATCH'),
    title: nonEmptyText,
    jurisdiction: nonEmptyText,
    /** The rule set this one overrides, if any (provincial sets override the national one). */
    extends: z.string().optional(),
    text: textSchema,
    counting: countingSchema,
    deadlines: z.array(deadlineRuleSchema).min(1),
    extension: extensionSchema,
    supervision: supervisionSchema,
    /** Absent from the versions before 1.3.0: their cases take the defaults (DEFAULT_DATE_LIMITS). */
    dateLimits: dateLimitsSchema.optional(),
    escalation: escalationSchema,
    evaluation: evaluationSchema,
    returnVisit: returnVisitSchema,
    simplifiedProcedure: simplifiedProcedureSchema.optional(),
    /** Absent from the versions before it: the acceptance needs no notice document. */
    acceptance: acceptanceSchema.optional(),
    /** Absent from the versions before 1.4.0: only the national closures. */
    closures: closuresSchema.optional(),
    /**
     * A transitional provision (过渡条款): running cases pinned to an older version of this id adopt this one
     * when it is released. Absent: running cases keep the version they pinned. Never inherited by `extends`.
     */
    transitional: transitionalSchema.optional(),
    /** Absent from the versions before 1.4.0. */
    reviewChain: reviewChainSchema.optional(),
  })
  .superRefine((ruleSet, ctx) => {
    const defined = new Set<string>();
    ruleSet.deadlines.forEach((deadline, index) => {
      if (defined.has(deadline.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['deadlines', index, 'key'],
          message: `duplicate deadline '${deadline.key}'`,
        });
      }
      defined.add(deadline.key);
    });
    const requireDefined = (key: string, path: (string | number)[]): void => {
      if (!defined.has(key))
        ctx.addIssue({ code: 'custom', path, message: `deadline '${key}' is not defined` });
    };
    ruleSet.extension.appliesTo.forEach((key, index) =>
      requireDefined(key, ['extension', 'appliesTo', index]),
    );
    ruleSet.extension.reviewChainDeadlines?.forEach((key, index) => {
      if (!ruleSet.extension.appliesTo.includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['extension', 'reviewChainDeadlines', index],
          message: `'${key}' is not in extension.appliesTo`,
        });
      }
    });
    requireDefined(ruleSet.supervision.feedbackDeadline, ['supervision', 'feedbackDeadline']);
    requireDefined(ruleSet.escalation.objectionDeadline, ['escalation', 'objectionDeadline']);
    requireDefined(ruleSet.returnVisit.deadline, ['returnVisit', 'deadline']);
    requireDefined(ruleSet.evaluation.deadline, ['evaluation', 'deadline']);
    if (ruleSet.returnVisit.followUp) {
      requireDefined(ruleSet.returnVisit.followUp.deadline, ['returnVisit', 'followUp', 'deadline']);
    }
    if (ruleSet.simplifiedProcedure) {
      requireDefined(ruleSet.simplifiedProcedure.deadline, ['simplifiedProcedure', 'deadline']);
    }
    const { effectiveFrom, effectiveUntil } = ruleSet.text;
    if (effectiveUntil !== undefined && effectiveUntil < effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['text', 'effectiveUntil'], message: 'before effectiveFrom' });
    }
  });

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;
export type DeadlineParty = (typeof DEADLINE_PARTIES)[number];
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
