import { z } from 'zod';
import { EVALUATION_SUBJECTS, SATISFACTION_GRADES, SUPERVISION_LEVELS } from '../case';

/** Requests and answers of the supervision queue, the inbox and the petitioner's endpoint. */

export const SupervisionItemIdParamsSchema = z.object({
  itemId: z
    .string()
    .regex(
      /^XF-\d{4}-\d{6}\.[a-z-]{1,40}-\d{1,4}$/,
      'must be a supervision item id such as XF-2026-000001.handle-1',
    )
    .openapi({ example: 'XF-2026-000001.handle-1' }),
});

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

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
    page: z.coerce.number().int().min(1).max(500).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
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
  })
  .openapi('SupervisionItem');

export const SupervisionListSchema = z
  .object({ items: z.array(SupervisionItemSchema), page: z.number(), pageSize: z.number() })
  .openapi('SupervisionList');

export const NotificationIdParamsSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a notification id')
    .openapi({ example: '1' }),
});

export const NotificationsQuerySchema = z
  .object({
    unread: flag.default(false),
    before: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional()
      .openapi({ description: 'Keyset: ids below this one' }),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const NotificationSchema = z
  .object({
    id: z.string(),
    petitionId: z.string(),
    sequence: z.number(),
    kind: z.string(),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

export const InboxSchema = z
  .object({ items: z.array(NotificationSchema), unread: z.number() })
  .openapi('Inbox');

const petitionId = z.string().regex(/^XF-\d{4}-\d{6}$/, 'must be a petition number such as XF-2026-000001');
const queryCode = z
  .string()
  .min(1)
  .max(64)
  .openapi({ description: 'The query code from the registration slip' });

export const PublicLookupSchema = z
  .object({ petitionId, queryCode })
  .strict()
  .openapi('PublicLookup', { example: { petitionId: 'XF-2026-000001', queryCode: 'ABCD2345EFGH6789' } });

export const PublicEvaluationSchema = z
  .object({
    petitionId,
    queryCode,
    subject: z.enum(EVALUATION_SUBJECTS),
    grade: z.enum(SATISFACTION_GRADES).openapi({ description: '满意 / 基本满意 / 不满意' }),
  })
  .strict()
  .openapi('PublicEvaluation', {
    example: {
      petitionId: 'XF-2026-000001',
      queryCode: 'ABCD2345EFGH6789',
      subject: 'written-reply',
      grade: 'satisfied',
    },
  });

export const PublishedCaseSchema = z
  .object({
    id: z.string(),
    status: z.string(),
    dates: z.array(
      z.object({
        event: z.string(),
        on: z.string(),
        days: z.number().optional(),
        unit: z.string().optional(),
      }),
    ),
    evaluation: z.object({
      openUntil: z.string().nullable(),
      subjects: z.array(z.string()),
      given: z.array(z.object({ subject: z.string(), grade: z.string().optional() })),
    }),
  })
  .openapi('PublishedCase');
