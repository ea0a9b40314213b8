import { DESTINATIONS, INSTRUCTION_KINDS, RECEPTION_KINDS, SESSION_KINDS } from '../../db/visit-vocabulary';
import { z } from './zod';

/** The visit register's answers (issue 23 item 1): a visit, a reception session, a leader's instruction. */

export const VisitSchema = z
  .object({
    id: z.string(),
    petitionId: z.string().openapi({ description: 'The case the visit concerns' }),
    unitId: z.string().openapi({ description: 'The receiving unit (the recorder’s)' }),
    visitedOn: z.string(),
    place: z.string(),
    batches: z.number().int().openapi({ description: '批' }),
    persons: z.number().int().openapi({ description: '人次' }),
    group: z.boolean().openapi({ description: '集体访: one batch of five or more (derived)' }),
    registered: z.boolean().openapi({ description: 'The visit registered its case (channel visit)' }),
    repeat: z.boolean().openapi({
      description: '重复访: on an existing case, or registering a case that repeats an earlier petition',
    }),
    reception: z.enum(RECEPTION_KINDS).nullable(),
    sessionId: z.string().nullable(),
    receivedBy: z.string().nullable(),
    destination: z
      .enum(DESTINATIONS)
      .nullable()
      .openapi({ description: '越级访 reported down: where it went' }),
    recordedBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('Visit');

export const ReceptionSessionSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    kind: z.enum(SESSION_KINDS),
    heldOn: z.string(),
    leader: z.string(),
    leaders: z.number().int(),
    place: z.string(),
    recordedBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('ReceptionSession');

export const InstructionSchema = z
  .object({
    id: z.string(),
    petitionId: z.string(),
    kind: z.enum(INSTRUCTION_KINDS),
    instructedOn: z.string(),
    leader: z.string(),
    text: z.string(),
    recordedBy: z.string(),
    unitId: z.string(),
    createdAt: z.string(),
  })
  .openapi('Instruction');

/** What the case detail shows of its visits and its leaders' instructions. */
export const CaseVisitsSchema = z.object({
  count: z.number().int().openapi({ description: 'Visits recorded on the case' }),
  batches: z.number().int(),
  persons: z.number().int(),
  items: z.array(VisitSchema),
});
export const CaseInstructionsSchema = z.object({
  count: z.number().int(),
  items: z.array(InstructionSchema),
});

export const ReceptionSessionDetailSchema = ReceptionSessionSchema.extend({
  visits: CaseVisitsSchema.openapi({ description: 'The visits received at the session' }),
}).openapi('ReceptionSessionDetail');
