import { CHANNELS, STATUSES } from '../../case/vocabulary';
import { SUPERVISION_LEVELS } from '../../case/supervision';
import { PRIORITY_LEVELS } from '../../case/priority';
import { flag, isoDate, page, pageSize, phoneNumber, plainText, residentIdNumber } from './fields';
import { z } from './zod';

/** The search over cases (GET /api/petitions, issue 22): free text, case number, petitioner, filters, paging. */

/** Two CJK characters side by side, or a letter or digit: what the search's index can look up. */
const SEARCHABLE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2}|[A-Za-z0-9]/;
const searchable = (what: string) =>
  plainText(2, 100).refine((s) => SEARCHABLE.test(s), {
    message: `${what} needs two Chinese characters together (电梯) or a letter or digit; one character alone finds too much to be useful`,
  });

export const ListPetitionsQuerySchema = z
  .object({
    q: searchable('a search')
      .optional()
      .openapi({
        description:
          'Free text over the subject and the description: each word separated by spaces must occur in them ' +
          '(a substring, case-insensitive; Chinese needs two characters, e.g. 电梯; letters and digits match as ' +
          'whole words, so 3号楼 does not find 13号楼). A case number or the start ' +
          'of one (XF-2026-0001) searches case numbers instead. Empty or one character: 422.',
        example: '电梯',
      }),
    petitionerName: searchable('a name').optional().openapi({
      description:
        'Part of the petitioner’s name (two characters at least). Desk roles and the joint-conference office only: 403 otherwise.',
    }),
    petitionerPhone: phoneNumber.optional().openapi({
      description: 'The petitioner’s phone, whole (spaces and dashes ignored). Same roles as petitionerName.',
    }),
    petitionerIdNumber: residentIdNumber.optional().openapi({
      description:
        'The petitioner’s resident ID number, matched through its keyed hash (the number itself is never ' +
        'searched or logged). Same roles as petitionerName.',
    }),
    receivedFrom: isoDate.optional().openapi({ description: 'Received on or after (YYYY-MM-DD)' }),
    receivedTo: isoDate.optional().openapi({ description: 'Received on or before (YYYY-MM-DD)' }),
    domain: z.string().max(64).optional().openapi({
      description: 'A classification code: a sub-category matches itself, a category every code under it',
    }),
    channel: z.enum(CHANNELS).optional(),
    status: z.enum(STATUSES).optional(),
    unit: z.string().min(1).max(100).optional().openapi({ description: 'Handling unit id' }),
    caseOwner: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'Login of the case-owning leader (包案); `me` for the caller’s own queue' }),
    overdue: flag,
    firstTime: flag.openapi({ description: '初信初访 (true) or not' }),
    repeat: flag.openapi({ description: 'A repeat of an open case (重复信访) or not' }),
    group: flag.openapi({ description: 'A group petition (集体访) or not' }),
    supervisionLevel: z.enum(SUPERVISION_LEVELS).optional().openapi({
      description: 'Cases with an open supervision item at this rung (督办通知, 联席办, 挂牌督办)',
    }),
    priority: z.enum(PRIORITY_LEVELS).optional().openapi({
      description: 'Priority (关注级别): first 一级关注, second 二级关注, ordinary 普通关注',
    }),
    majorUrgent: flag.openapi({ description: 'Flagged as a major or urgent matter (重大、紧急, Art 25)' }),
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be the nextCursor of an earlier page')
      .optional()
      .openapi({
        description: 'The nextCursor of the page before: keyset paging, as fast on page 500 as on page 1',
      }),
    page,
    pageSize: pageSize(100, 20),
  })
  .strict()
  .refine((query) => !(query.cursor && query.page > 1), {
    message: 'cursor and page are two ways of paging: send one',
    path: ['cursor'],
  })
  .refine((query) => !(query.receivedFrom && query.receivedTo && query.receivedFrom > query.receivedTo), {
    message: 'receivedFrom is after receivedTo',
    path: ['receivedFrom'],
  });

export type ListPetitionsQuery = z.infer<typeof ListPetitionsQuerySchema>;
