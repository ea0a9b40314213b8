import { DESTINATIONS, INSTRUCTION_KINDS, RECEPTION_KINDS, SESSION_KINDS } from '../../db/visit-vocabulary';
import { toShanghaiDate } from '../../rules/dates';
import { documentText, isoDate, plainText } from './fields';
import { PetitionIdParamsSchema, RegisterPetitionSchema } from './petitions';
import { z } from './zod';

/** The visit register's requests (issue 23 item 1): counts of visits, never a register of persons. */

const sessionId = z
  .string()
  .regex(/^rs-[0-9a-f-]{36}$/, 'must be a reception session id such as rs-2f1c…')
  .openapi({ example: 'rs-6f9619ff-8b86-4011-b42d-00c04fc964ff' });

/** The registration a visit makes: the petition's registration without its channel (always 走访, `visit`). */
const VisitRegistrationSchema = RegisterPetitionSchema.omit({ channel: true })
  .strict()
  .openapi('VisitRegistration', {
    description: 'Registers the petition the visit brings (channel visit), as POST /api/petitions does',
  });

export const RecordVisitSchema = z
  .object({
    visitedOn: isoDate.openapi({ description: 'The day of the visit: not after today' }),
    place: plainText(1, 200).openapi({ description: 'Where it was received (or, reported down, made)' }),
    batches: z.number().int().min(1).max(1000).default(1).openapi({ description: '批 (default 1)' }),
    persons: z
      .number()
      .int()
      .min(1)
      .max(100000)
      .openapi({ description: '人次: how many came, at least one a batch; no names' }),
    group: z.boolean().optional().openapi({
      description:
        '集体访 is derived (one batch of five or more); if given, it must agree with the counts (422 otherwise)',
    }),
    caseId: PetitionIdParamsSchema.shape.id.optional().openapi({
      description: 'An existing case the visit concerns: a repeat visit (重复访), no new case',
    }),
    registration: VisitRegistrationSchema.optional(),
    reception: z
      .object({
        kind: z.enum(RECEPTION_KINDS).openapi({
          description:
            '窗口接待 reception, 领导接访 leaderReception, 约访 appointment, 下访 downVisit, 联合接访 jointReception',
        }),
        sessionId: sessionId.optional().openapi({
          description: 'leaderReception, downVisit, jointReception: the session it was received at',
        }),
        receivedBy: plainText(1, 100)
          .optional()
          .openapi({ description: 'Who received it (name or title of the official)' }),
      })
      .strict()
      .optional()
      .openapi({ description: 'How it was received here; absent for a visit reported down' }),
    destination: z.enum(DESTINATIONS).optional().openapi({
      description: '越级访 made at a higher level and reported down: 进京 beijing, 赴省 province, 到市 city',
    }),
  })
  .strict()
  .openapi('RecordVisit', {
    // Today, so that the example's registration is received on the visit's day (the documentation's build day).
    example: {
      visitedOn: toShanghaiDate(new Date()),
      place: '县信访局接待大厅',
      persons: 6,
      registration: {
        category: 'complaint',
        domain: 'urban-construction.property-management',
        subject: '小区电梯长期停运',
        description: '3号楼住户6人来访，反映电梯自8月起停运。',
        petitioner: { name: '张三', phone: '13800000000' },
        receivedOn: toShanghaiDate(new Date()),
      },
      reception: { kind: 'reception' },
    },
  });

export const RecordSessionSchema = z
  .object({
    kind: z.enum(SESSION_KINDS).openapi({
      description: '领导接访日 leaderReception, 下访 downVisit, 联合接访 jointReception',
    }),
    heldOn: isoDate.openapi({ description: 'Not after today' }),
    leader: plainText(1, 200).openapi({ description: 'The leader(s) by name or title, as text' }),
    leaders: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(1)
      .openapi({ description: 'How many leaders took part (人次 of a down-visit)' }),
    place: plainText(1, 200),
  })
  .strict()
  .openapi('RecordReceptionSession', {
    example: {
      kind: 'leaderReception',
      heldOn: toShanghaiDate(new Date()),
      leader: '县委副书记',
      place: '县信访局接待大厅',
    },
  });

export const RecordInstructionSchema = z
  .object({
    kind: z.enum(INSTRUCTION_KINDS).openapi({ description: '阅批 reading, 批示 instruction' }),
    instructedOn: isoDate.openapi({
      description: 'Not after today, not before the case was received',
    }),
    leader: plainText(1, 200).openapi({ description: 'The leader by name or title' }),
    text: documentText('What the leader wrote'),
  })
  .strict()
  .openapi('RecordInstruction', {
    example: {
      kind: 'reading',
      instructedOn: toShanghaiDate(new Date()),
      leader: '县长',
      text: '请县住建局依法依规办理，按期答复。',
    },
  });

export type RecordVisitBody = z.infer<typeof RecordVisitSchema>;
export type RecordSessionBody = z.infer<typeof RecordSessionSchema>;
export type RecordInstructionBody = z.infer<typeof RecordInstructionSchema>;
