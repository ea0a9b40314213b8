import { QUEUE_KINDS } from '../../db/queue';
import { flag, pageSize } from './fields';
import { PetitionSummarySchema } from './petitions';
import { SupervisionItemSchema } from './supervision';
import { z } from './zod';

/** The staff queue (待办, GET /api/queue): what the caller's unit, or the caller as 包案 leader, must act on next. */

export const QueueQuerySchema = z
  .object({
    kind: z
      .enum(QUEUE_KINDS)
      .default('unit')
      .openapi({
        description:
          'unit: the cases the caller’s unit must act on next; case-owner: the open cases the caller owns as ' +
          'the case-owning leader (包案); supervision: the open supervision items (督办) the caller oversees — ' +
          'a petition bureau’s supervisor and the joint-conference office only (403 `queue_forbidden` otherwise)',
      }),
    overdue: flag.openapi({
      description: 'true: only the overdue; false: only those not overdue',
    }),
    cursor: z
      .string()
      .max(300)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be the nextCursor of an earlier page')
      .optional()
      .openapi({ description: 'The nextCursor of the page before (of the same kind): keyset paging' }),
    pageSize: pageSize(100, 20),
  })
  .strict();

export type QueueQuery = z.infer<typeof QueueQuerySchema>;

export const QueueDeadlineSchema = z
  .object({
    key: z.string().openapi({ description: 'The deadline (a supervision item: the deadline it climbs for)' }),
    dueAt: z.string().openapi({ example: '2026-03-21T00:00:00+08:00', description: '24:00 of dueDate' }),
    dueDate: z.string().openapi({ example: '2026-03-20' }),
    warnAt: z.string().nullable().openapi({
      description:
        'Its first warning (00:00 Asia/Shanghai); null when it warns of nothing. Warning from then on',
    }),
    overdue: z.boolean(),
  })
  .openapi('QueueDeadline');

export const QueueItemSchema = PetitionSummarySchema.extend({
  caseNumber: z.string().openapi({ example: 'XF-2026-000001' }),
  deadline: QueueDeadlineSchema.nullable().openapi({
    description:
      'What is awaited and by when: the deadline the unit must act on (unit, case-owner; null when the case ' +
      'awaits no unit), or the supervision item’s due date (supervision)',
  }),
  supervisionItem: SupervisionItemSchema.nullable().openapi({ description: 'The item (kind supervision)' }),
}).openapi('QueueItem');

export const QueueSchema = z
  .object({
    kind: z.enum(QUEUE_KINDS),
    items: z.array(QueueItemSchema),
    nextCursor: z.string().nullable().openapi({
      description: 'Send as `cursor` (with the same kind) for the page after this one; null on the last page',
    }),
    counts: z
      .object({
        unit: z.number(),
        'case-owner': z.number(),
        supervision: z.number().nullable().openapi({ description: 'Null for a caller without the queue' }),
        overdue: z.number().openapi({ description: 'Overdue cases in the unit’s queue' }),
      })
      .openapi({ description: 'The caller’s totals per kind, whatever the page and the filter' }),
  })
  .openapi('Queue');
