import { BACKLOG_OUTCOMES } from '../../db/backlog/entries';
import { documentText, exampleDateAhead, isoDate, plainText, unitId } from './fields';
import { PetitionIdParamsSchema } from './petitions';
import { z } from './zod';
import { toShanghaiDate } from '../../rules/dates';

/** The backlog register (积案台账) and its campaigns (专项攻坚): issue 23 item 2, S37–S40. */

const campaignId = z
  .string()
  .regex(/^cmp-[0-9a-z-]{8,60}$/, 'must be a campaign id such as cmp-…')
  .openapi({ example: 'cmp-6f9619ff8b864011b42d00c0' });
const entryId = z
  .string()
  .regex(/^bl-[0-9a-z-]{8,60}$/, 'must be a backlog entry id such as bl-…')
  .openapi({ example: 'bl-6f9619ff8b864011b42d00c0' });

export const CampaignIdParamsSchema = z.object({ campaignId });
export const EntryIdParamsSchema = z.object({ entryId });

export const CreateCampaignSchema = z
  .object({
    name: plainText(1, 200).openapi({ description: 'e.g. 信访积案化解年, 百日攻坚' }),
    unitId: unitId.optional().openapi({
      description:
        'The unit whose campaign it is (its scope); the caller’s own unit when absent. Within the caller’s reports',
    }),
    startsOn: isoDate,
    endsOn: isoDate.openapi({ description: 'Not before startsOn (422 otherwise)' }),
    targetRate: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .openapi({ description: '化解率 target in percent (entries resolved ÷ entries)' }),
  })
  .strict()
  .openapi('CreateCampaign', {
    example: {
      name: '信访积案化解百日攻坚',
      startsOn: toShanghaiDate(new Date()),
      endsOn: exampleDateAhead(100),
      targetRate: 90,
    },
  });

export const CreateEntrySchema = z
  .object({
    title: plainText(1, 200).openapi({
      description: 'The matter: a project or issue (e.g. 幸福家园小区办证问题)',
    }),
    caseIds: z
      .array(PetitionIdParamsSchema.shape.id)
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat a case' })
      .openapi({
        description: 'Its cases (the first is the lead case), any status; each visible to the caller',
      }),
    campaignId: campaignId.optional(),
    unitId: unitId.openapi({ description: 'The responsible unit, within the caller’s reports' }),
    leader: plainText(1, 100).openapi({ description: 'The responsible leader (包案领导), as text' }),
    cause: documentText('Why the matter stays unresolved (成因)', 4000),
    measures: documentText('The measures decided (化解措施)', 4000),
    targetDate: isoDate.openapi({ description: 'The target date (化解时限): not before today' }),
  })
  .strict()
  .openapi('CreateBacklogEntry', {
    example: {
      title: '幸福家园小区逾期办证问题',
      caseIds: ['XF-2026-000001'],
      unitId: 'qingshan-housing',
      leader: '县住建局局长',
      cause: '开发商资金链断裂，土地出让金未缴清，导致房产证无法办理。',
      measures: '督促开发商限期补缴，分批办理不动产登记。',
      targetDate: exampleDateAhead(60),
    },
  });

export const AddProgressSchema = z
  .object({
    notedOn: isoDate.openapi({ description: 'Not after today, not before the entry was registered' }),
    note: documentText('What was done (进展情况)', 4000),
  })
  .strict()
  .openapi('AddBacklogProgress', {
    example: { notedOn: toShanghaiDate(new Date()), note: '已约谈开发商，承诺一个月内补缴土地出让金。' },
  });

export const RetargetSchema = z
  .object({
    targetDate: isoDate.openapi({
      description: 'The new target date: not before today; re-plans the warnings',
    }),
    reason: documentText('Why the date moves', 2000),
  })
  .strict()
  .openapi('RetargetBacklogEntry', {
    example: { targetDate: exampleDateAhead(90), reason: '开发商补缴资金分两期到位，延长化解时限。' },
  });

export const RecordOutcomeSchema = z
  .object({
    outcome: z
      .enum(['resolved', 'stopped-petitioning'])
      .openapi({ description: 'resolved 化解, stopped-petitioning 息诉罢访' }),
    on: isoDate.openapi({ description: 'Not after today, not before the entry was registered' }),
    note: documentText('How it ended', 4000).optional(),
  })
  .strict()
  .openapi('RecordBacklogOutcome', {
    example: { outcome: 'resolved', on: toShanghaiDate(new Date()), note: '房产证已全部办结，信访人息诉。' },
  });

export const EntriesQuerySchema = z
  .object({
    campaignId: campaignId.optional(),
    outcome: z.enum(BACKLOG_OUTCOMES).optional(),
    unit: unitId
      .optional()
      .openapi({ description: 'A unit within the caller’s reports; the caller’s own when absent' }),
  })
  .strict();

export const CampaignsQuerySchema = z
  .object({
    unit: unitId
      .optional()
      .openapi({ description: 'A unit within the caller’s reports; the caller’s own when absent' }),
    asOf: isoDate.optional().openapi({ description: 'Progress as of this date; today when absent' }),
  })
  .strict();

const progressRate = z
  .object({
    numerator: z.number(),
    denominator: z.number(),
    rate: z
      .number()
      .nullable()
      .openapi({ description: 'Percent, one decimal; null when no entries ("no data")' }),
  })
  .openapi('CampaignRate');

export const CampaignProgressSchema = z
  .object({
    entries: z.number(),
    resolved: z.number(),
    stoppedPetitioning: z.number(),
    open: z.number(),
    overdue: z.number(),
    resolutionRate: progressRate,
    targetRate: z.number().nullable(),
    targetMet: z.boolean().nullable().openapi({ description: 'null without a target or without entries' }),
  })
  .openapi('CampaignProgress');

export const CampaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    targetRate: z.number().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    progress: CampaignProgressSchema,
  })
  .openapi('Campaign');

export const BacklogEntrySchema = z
  .object({
    id: z.string(),
    campaignId: z.string().nullable(),
    title: z.string(),
    caseIds: z.array(z.string()),
    ownerUnitId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    leader: z.string(),
    cause: z.string(),
    measures: z.string(),
    targetDate: z.string(),
    registeredOn: z.string(),
    outcome: z.enum(BACKLOG_OUTCOMES),
    outcomeOn: z.string().nullable(),
    overdue: z.boolean().openapi({ description: 'Open and its target date passed' }),
    createdBy: z.string(),
    createdAt: z.string(),
    progress: z.array(
      z.object({
        id: z.string(),
        notedOn: z.string(),
        note: z.string(),
        author: z.string(),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi('BacklogEntry');

export const CampaignDetailSchema = CampaignSchema.extend({ entries: z.array(BacklogEntrySchema) }).openapi(
  'CampaignDetail',
);
export const CampaignListSchema = z.object({ items: z.array(CampaignSchema) }).openapi('Campaigns');
export const EntryListSchema = z.object({ items: z.array(BacklogEntrySchema) }).openapi('BacklogEntries');

export type CreateCampaign = z.infer<typeof CreateCampaignSchema>;
export type CreateEntry = z.infer<typeof CreateEntrySchema>;
export type AddProgress = z.infer<typeof AddProgressSchema>;
export type Retarget = z.infer<typeof RetargetSchema>;
export type RecordOutcome = z.infer<typeof RecordOutcomeSchema>;
export type EntriesQuery = z.infer<typeof EntriesQuerySchema>;
