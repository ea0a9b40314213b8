import { SUPERVISION_LEVELS, SUPERVISION_SOURCES } from '../../case/supervision';
import { flag, page, pageSize } from './fields';
import { z } from './zod';

/** The supervision queue (督办 → 联席办 → 挂牌督办): its query, its items; the acts are commands (supervision-commands). */

export const SupervisionItemIdParamsSchema = z.object({
  itemId: z
    .string()
    .regex(
      /^XF-\d{4}-\d{6}\.[a-z-]{1,40}-\d{1,4}$/,
      'must be a supervision item id such as XF-2026-000001.handle-1',
    )
    .openapi({ example: 'XF-2026-000001.handle-1' }),
});

export const SupervisionQuerySchema = z
  .object({
    level: z
      .enum(SUPERVISION_LEVELS)
      .optional()
      .openapi({ description: 'notice 督办 / office 联席办 / listed 挂牌督办' }),
    unit: z.string().min(1).max(100).optional().openapi({ description: 'The unit the item is addressed to' }),
    status: z.enum(['open', 'answered', 'resolved', 'closed']).optional(),
    overdue: flag.openapi({
      description: 'true: listed cases not corrected by their date (the overdue list)',
    }),
    source: z
      .enum(SUPERVISION_SOURCES)
      .optional()
      .openapi({
        description:
          'automatic (a deadline passed), manual (the bureau’s 督办 / 交办), joint-conference (联席会议交办件), ' +
          'higher-bureau (上级交办件, recorded by the bureau)',
      }),
    page,
    pageSize: pageSize(100, 20),
  })
  .strict();

export const SupervisionItemSchema = z
  .object({
    id: z.string(),
    petitionId: z.string(),
    itemId: z.string(),
    deadlineKey: z.string(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    level: z.enum(SUPERVISION_LEVELS),
    status: z.string(),
    noticeOn: z.string().nullable(),
    feedbackOn: z.string().nullable(),
    targetDate: z.string().nullable(),
    escalatedOn: z.string().nullable(),
    escalationReason: z.string().nullable(),
    listedOn: z.string().nullable(),
    correctBy: z.string().nullable(),
    listingOverdue: z.boolean(),
    endedOn: z.string().nullable(),
    source: z.enum(SUPERVISION_SOURCES),
    kind: z.string().nullable().openapi({ description: 'A manual item’s: supervise 督办 / assign 交办' }),
    ground: z.string().nullable().openapi({ description: 'A 督办’s Art 40 ground' }),
    feedbackDue: z.string().nullable().openapi({ description: 'A manual item’s own feedback date' }),
  })
  .openapi('SupervisionItem');

export const SupervisionListSchema = z
  .object({ items: z.array(SupervisionItemSchema), page: z.number(), pageSize: z.number() })
  .openapi('SupervisionList');

export type SupervisionQuery = z.infer<typeof SupervisionQuerySchema>;
