import { CATEGORIES, CHANNELS, REGISTRATION_LEVELS, STATUSES } from '../../case/vocabulary';
import { PRIORITY_LEVELS } from '../../case/priority';
import { CASE_OWNER_WORK_KINDS } from '../../case/case-owner';
import { isoDate, phoneNumber, plainText, residentIdNumber } from './fields';
import { z } from './zod';
import { CaseInstructionsSchema, CaseVisitsSchema } from './case-visits';

/** The petition's requests (register, list, read) and the petition as the API answers it. */

/** A code of the classification file; whether it exists is the domain's check (422 naming `domain`). */
const subjectMatterCode = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, 'must be a subject-matter code such as urban-construction');

export const PetitionerSchema = z
  .object({
    name: plainText(1, 100),
    phone: phoneNumber.optional(),
    idNumber: residentIdNumber.optional(),
    address: plainText(0, 300).optional(),
  })
  .strict()
  .openapi('Petitioner', {
    description: 'Personal data of the petitioner (信访人); stored in PostgreSQL only.',
  });

export const RegisterPetitionSchema = z
  .object({
    channel: z.enum(CHANNELS),
    category: z.enum(CATEGORIES),
    domain: subjectMatterCode.openapi({
      description:
        'The subject matter (信访事项内容分类): a code of either level of the classification in force — a ' +
        'category (`urban-construction`) or, where the matter is known, its sub-category ' +
        '(`urban-construction.land-expropriation`). GET /api/classification lists them; an unknown or retired ' +
        'code is refused (422). The case keeps the code for good.',
      example: 'urban-construction.property-management',
    }),
    subject: plainText(1, 200),
    description: plainText(1, 20000),
    petitioner: PetitionerSchema,
    receivedOn: isoDate.openapi({
      description:
        'Date the petition bureau received it (Asia/Shanghai); D1 runs from here. Not after today, nor before ' +
        'the earliest date its rule set and the working-day calendar cover (422 naming that date).',
    }),
    ruleSetId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({
        description:
          "Rule set to pin; defaults to the one the registering bureau's province names (national-2022 in the " +
          'demo) — for a petition received before that text was in force, the one it replaced (national-2005 ' +
          'for one received before 2022-05-01). Another one overrides it, and the petition keeps the ' +
          'overridden one on record.',
      }),
    originLevel: z
      .enum(REGISTRATION_LEVELS)
      .optional()
      .openapi({
        description:
          'For a petition transferred down from a higher level (e.g. from the national bureau): the level it was ' +
          'first registered at, above the registering bureau. It is the case’s registration level (信访层级); ' +
          'without it, the registering bureau’s level is.',
      }),
    group: z
      .object({
        persons: z
          .number()
          .int()
          .min(2)
          .max(100000)
          .openapi({ description: 'Number of persons in the group' }),
        representatives: z
          .number()
          .int()
          .min(1)
          .max(5)
          .openapi({ description: 'Representatives sent (at most 5, Art 20)' }),
      })
      .strict()
      .refine((g) => g.representatives <= g.persons, {
        message: 'representatives cannot outnumber the group',
        path: ['representatives'],
      })
      .optional()
      .openapi({ description: 'A group petition (集体访)' }),
  })
  .strict()
  .openapi('RegisterPetition', {
    example: {
      channel: 'online',
      category: 'complaint',
      domain: 'urban-construction.property-management',
      subject: '小区电梯长期停运',
      description: '本人所住小区3号楼电梯自今年8月起停运，多次向物业反映未果，请求督促维修。',
      petitioner: { name: '张三', phone: '13800000000' },
      receivedOn: '2026-11-20',
    },
  });

const PrioritySummarySchema = z.object({
  level: z.enum(PRIORITY_LEVELS),
  majorUrgent: z.boolean(),
  majorUrgentSince: z.string().nullable().openapi({ description: 'The day the flag was raised' }),
});

export { ListPetitionsQuerySchema, type ListPetitionsQuery } from './petition-search';

export const PetitionIdParamsSchema = z.object({
  id: z
    .string()
    .regex(/^XF-\d{4}-\d{6}$/, 'must be a petition id such as XF-2026-000001')
    .openapi({ example: 'XF-2026-000001' }),
});

const dateOrNull = z.string().nullable();

export const DeadlineViewSchema = z
  .object({
    key: z.string(),
    status: z.enum(['running', 'paused', 'met', 'overdue', 'lapsed', 'cancelled']),
    kind: z.enum(['statutory', 'service-norm']),
    startDate: z.string(),
    dueDate: z.string(),
    dueAt: z.string(),
    extensionDays: z.number(),
    pausedDays: z.number(),
    provisional: z.boolean(),
    calendarVersion: z.string(),
    /** The rule-set version the deadline is counted under: the pinned one, or one adopted by a transitional provision. */
    ruleSetVersion: z.string(),
    explanation: z.array(z.string()),
    metAt: dateOrNull,
    late: z.boolean().nullable(),
    overdueAt: dateOrNull,
    supervisionNoticeAt: dateOrNull,
  })
  .openapi('Deadline');

export const PetitionSummarySchema = z
  .object({
    id: z.string(),
    status: z.enum(STATUSES),
    channel: z.enum(CHANNELS),
    category: z.enum(CATEGORIES),
    domain: z.string().openapi({ description: 'The subject-matter code as registered' }),
    domainCategory: z.string().openapi({ description: 'Its category (the first level) at registration' }),
    classificationVersion: z.string().openapi({
      description: 'The classification file the code was chosen from (`id@version`)',
      example: 'petitionflow-default@2026.1',
    }),
    subject: z.string(),
    receivedOn: z.string(),
    ruleSetId: z.string(),
    bureauUnitId: z.string(),
    handlingUnitId: z.string().nullable(),
    overdue: z.boolean(),
    closedReason: z.string().nullable(),
    nextDeadline: z.object({ key: z.string(), dueAt: z.string() }).nullable(),
    priority: PrioritySummarySchema.nullable().openapi({
      description: 'Priority (关注级别, S5) and the major-or-urgent flag (Art 25); null when never set',
    }),
  })
  .openapi('PetitionSummary');

const withText = z.record(z.string(), z.unknown());

export const PetitionDetailSchema = PetitionSummarySchema.extend({
  description: z.string(),
  petitioner: PetitionerSchema,
  petitionerId: z.string().nullable().openapi({
    description: 'The petitioner’s file (一户一档) it is filed under: GET /api/petitioners/{petitionerId}',
  }),
  flags: z.object({
    firstTime: z.boolean(),
    repeat: z.boolean(),
    group: z.object({ persons: z.number(), representatives: z.number() }).nullable(),
  }),
  links: z.object({
    repeatOf: z.string().nullable(),
    finalCase: z.string().nullable(),
    linkedFrom: z.array(z.object({ id: z.string(), relation: z.string() })),
    related: z
      .array(
        z.object({ caseId: z.string(), relation: z.string(), linkedBy: z.string(), linkedAt: z.string() }),
      )
      .openapi({ description: 'Cases staff linked to this one (关联), either way round' }),
    history: z
      .array(
        z.object({
          caseId: z.string(),
          relation: z.string(),
          action: z.enum(['linked', 'unlinked']),
          actor: z.string(),
          at: z.string(),
        }),
      )
      .openapi({ description: 'Every link and unlink of this case, oldest first (the audit)' }),
  }),
  handlingUnitName: z.string().nullable(),
  receivedBy: z
    .object({ unitId: z.string(), unitName: z.string() })
    .nullable()
    .openapi({
      description:
        'The unit with authority that received the petition directly and registered it (Art 23): it handled ' +
        'it from the start, under its own D2; null when the bureau registered it',
    }),
  transfers: z
    .array(
      z.object({
        fromUnitId: z.string(),
        toUnitId: z.string(),
        toName: z.string(),
        on: z.string(),
        note: z.string().nullable(),
      }),
    )
    .openapi({
      description:
        'Transfers out of an area (转出) to the bureau of the area the responsible unit lies in, oldest first',
    }),
  routing: withText.nullable(),
  procedure: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  objection: withText.nullable(),
  caseOwner: withText.nullable(),
  extensions: z.array(withText),
  outcome: z.string().nullable(),
  reply: withText.nullable(),
  diversion: withText.nullable(),
  notAccepted: withText.nullable(),
  withdrawal: withText.nullable(),
  closure: withText.nullable(),
  acceptanceNotice: z
    .string()
    .nullable()
    .openapi({ description: 'The written notice of acceptance (受理告知书), when one was given' }),
  verification: withText.nullable().openapi({
    description:
      'The check (核查) that ended the procedure (上海 Art 42 (二)): who checked, its conclusion, the approval date',
  }),
  agreement: withText.nullable().openapi({
    description: 'The agreement carried out that ended the matter (浙江 Art 25 (1)): its text and dates',
  }),
  priority: PrioritySummarySchema.extend({
    reason: z.string().nullable(),
    setBy: z.string(),
    setOn: z.string(),
  })
    .nullable()
    .openapi({ description: 'Priority (关注级别, S5) and the major-or-urgent flag (Art 25), as last set' }),
  caseOwnerWork: z
    .array(
      z.object({
        kind: z.enum(CASE_OWNER_WORK_KINDS),
        doneOn: z.string(),
        note: z.string().nullable(),
        leader: z.string(),
        recordedBy: z.string(),
        recordedOn: z.string(),
      }),
    )
    .openapi({
      description:
        'The four 包 (四定四包) done under the case-owning leader, oldest first: investigation 包调查, handling ' +
        '包处理, education 包疏导教育, petitioner-stopped 包息诉罢访',
    }),
  resolution: z
    .object({
      measures: z.array(withText).openapi({
        description:
          '三到位一处理 (Art 27): measure, date, kind of aid or category of 依法处理, note, who recorded it',
      }),
      agreement: withText.nullable().openapi({ description: 'A mediation or settlement agreement (Art 33)' }),
      stoppedPetitioning: withText
        .nullable()
        .openapi({ description: '息诉罢访: the day the petitioner stopped' }),
      carriedOut: withText.nullable().openapi({
        description: 'The supported opinion carried out (Art 32 ¶2): the date and the unit’s report',
      }),
    })
    .nullable()
    .openapi({ description: 'How the matter ended (S12–S16); null until a part is recorded' }),
  actingUnitId: z.string().nullable(),
  review: withText.nullable(),
  reexamination: withText.nullable(),
  refusedRequests: z.array(withText).openapi({
    description:
      'Review and re-examination requests the body refused with reasons (不予受理, Shandong Art 43–44), oldest first',
  }),
  deadlines: z.array(DeadlineViewSchema),
  supervision: z.array(withText).openapi({ description: 'The supervision ladder: 督办 → 联席办 → 挂牌督办' }),
  returnVisits: z.array(withText),
  evaluations: z.array(withText),
  followUp: withText.nullable(),
  followUps: z.array(withText).openapi({
    description:
      'Follow-ups (跟踪回访) a dissatisfied return visit or evaluation opened (rule sets from national-2022 ' +
      '1.4.0 / provinces 1.5.0), oldest first: open, closed (with a note or a second visit) or cancelled',
  }),
  merge: withText.nullable().openapi({
    description:
      'While the case is merged (并案, closed as merged): the case it was merged into, when, by whom, why, and ' +
      'the status it reopens in if the merge is undone',
  }),
  mergedCases: z
    .array(
      z.object({
        id: z.string(),
        subject: z.string(),
        receivedOn: z.string(),
        mergedOn: z.string().nullable(),
        mergedBy: z.string().nullable(),
        documents: z.array(withText),
      }),
    )
    .openapi({ description: 'Cases merged into this one (并案), with their documents' }),
  queryCode: z
    .string()
    .nullable()
    .openapi({
      description:
        'The petitioner’s query code (查询码), shown only at the registering desk: the registrars and supervisors ' +
        'of the bureau that registered the petition, or the registrars, handlers and heads of the unit that ' +
        'received it directly',
    }),
  timeline: z.array(
    z.object({
      sequence: z.number(),
      type: z.string(),
      at: z.string(),
      actor: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  visits: CaseVisitsSchema.openapi({
    description: 'Visits on the case (来访登记): count, 批, 人次 and the list',
  }),
  leaderInstructions: CaseInstructionsSchema.openapi({ description: 'Leaders’ 阅批 and 批示 on the case' }),
  allowedActions: z
    .array(
      z.object({
        command: z.string(),
        method: z.literal('POST'),
        path: z.string().openapi({ description: 'Where to send it; its body is that route’s request body' }),
        summary: z.string(),
        itemId: z.string().optional().openapi({ description: 'The supervision item it is given on' }),
        extensionId: z.string().optional().openapi({ description: 'The pending extension it decides' }),
        followUpId: z.string().optional().openapi({ description: 'The open follow-up it closes' }),
      }),
    )
    .openapi({
      description:
        'The commands the caller may give on the case now, as the case core decides them on this fold under the ' +
        'pinned rule set (each on each object it may name); the workflow decides again when one is sent, so a ' +
        'stale page is refused with the reason',
    }),
}).openapi('PetitionDetail');

export const PetitionListSchema = z
  .object({
    items: z.array(PetitionSummarySchema),
    page: z.number(),
    pageSize: z.number(),
    total: z.number().openapi({ description: 'Matching petitions, counted up to 1 000' }),
    nextCursor: z.string().nullable().openapi({
      description: 'Send as `cursor` for the page after this one; null on the last page',
    }),
  })
  .openapi('PetitionList');

export type RegisterPetitionBody = z.infer<typeof RegisterPetitionSchema>;
