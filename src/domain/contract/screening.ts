import { OUTCOMES, RISK_LEVELS, ROUND_KINDS } from '../../db/screening';
import { addDays, toShanghaiDate } from '../../rules/dates';
import { isoDate, page, pageSize, plainText } from './fields';
import { z } from './zod';

/** The dispute screening register (矛盾纠纷排查, S41): requests and answers. Counts only, never names. */

const unitRef = z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be a unit id');
const roundId = z
  .string()
  .regex(/^scr-[0-9a-f-]{36}$/, 'must be a screening round id such as scr-6f96…')
  .openapi({ example: 'scr-6f9619ff-8b86-4011-b42d-00c04fc964ff' });
const disputeId = z
  .string()
  .regex(/^dsp-[0-9a-f-]{36}$/, 'must be a dispute id such as dsp-6f96…')
  .openapi({ example: 'dsp-6f9619ff-8b86-4011-b42d-00c04fc964ff' });
const petitionId = z.string().regex(/^XF-\d{4}-\d{6}$/, 'must be a petition id such as XF-2026-000001');

/** The day the documentation is built: a round held today, over the fortnight up to it. */
const exampleToday = toShanghaiDate(new Date());

export const RecordRoundSchema = z
  .object({
    unit: unitRef.optional().openapi({
      description:
        'The unit that held the round: the caller’s own (default) or one in its scope (403 otherwise)',
    }),
    kind: z.enum(ROUND_KINDS).default('regular').openapi({
      description:
        'regular (定期: 村(居) every half month, 乡镇(街道)、区、市 every month), concentrated (集中排查), focused (重点排查)',
    }),
    periodStart: isoDate.openapi({ description: 'The first day the round screens' }),
    periodEnd: isoDate.openapi({ description: 'Its last day: not before periodStart' }),
    heldOn: isoDate.openapi({ description: 'The day it was held: not before periodStart, not after today' }),
    ledBy: plainText(1, 100).openapi({ description: 'Who led it (the responsible leader)' }),
    note: plainText(1, 2000).optional(),
  })
  .strict()
  .openapi('RecordScreeningRound', {
    example: {
      kind: 'regular',
      periodStart: addDays(exampleToday, -14),
      periodEnd: exampleToday,
      heldOn: exampleToday,
      ledBy: '王副局长',
    },
  });

export const RecordDisputeSchema = z
  .object({
    classification: z.string().min(1).max(100).openapi({
      description:
        'A code of the classification in force (GET /api/classification), of either level; not retired',
    }),
    summary: plainText(1, 500).openapi({ description: 'The matter in a line: what, not who (no names)' }),
    place: plainText(1, 200).openapi({ description: 'Where: village, community, site' }),
    parties: z.number().int().min(1).max(100000).openapi({
      description: 'How many people are party to it: a count, never names (the standing decision)',
    }),
    riskLevel: z.enum(RISK_LEVELS).openapi({ description: 'high, medium or low' }),
    handlingUnit: unitRef.optional().openapi({
      description: 'The unit that handles it (落实专人): one in the caller’s scope; default the round’s unit',
    }),
  })
  .strict()
  .openapi('RecordScreeningDispute', {
    example: {
      classification: 'urban-construction',
      summary: '小区物业费上涨引发业主与物业公司纠纷',
      place: '城关街道幸福小区',
      parties: 12,
      riskLevel: 'medium',
    },
  });

export const RecordOutcomeSchema = z
  .object({
    outcome: z.enum(OUTCOMES).openapi({
      description:
        'mediated (调解), resolved (化解), petition (became a petition: give petitionId), open (reopened)',
    }),
    on: isoDate.openapi({
      description:
        'The day it took effect: not before the round, nor before the latest outcome, nor after today',
    }),
    petitionId: petitionId.optional().openapi({
      description: 'With `petition` only: the case it became, one the caller sees (404 otherwise)',
    }),
    note: plainText(1, 2000).optional(),
  })
  .strict()
  .openapi('RecordScreeningOutcome', { example: { outcome: 'mediated', on: exampleToday } });

export const ScreeningRoundsQuerySchema = z
  .object({
    unit: unitRef.optional().openapi({
      description: 'Narrow to this unit and what lies under it: inside the caller’s scope (403 otherwise)',
    }),
    from: isoDate.optional().openapi({ description: 'Rounds held on or after this day' }),
    to: isoDate.optional().openapi({ description: 'Rounds held on or before this day' }),
    page,
    pageSize: pageSize(200, 50),
  })
  .strict();

export const RoundIdParamsSchema = z.object({ roundId });
export const DisputeIdParamsSchema = z.object({ disputeId });

const OutcomeEntrySchema = z.object({
  outcome: z.enum(OUTCOMES),
  on: z.string(),
  petitionId: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  unitId: z.string(),
  recordedAt: z.string(),
});

export const DisputeSchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    foundOn: z.string(),
    classification: z.object({
      code: z.string(),
      name: z.string(),
      category: z.string(),
      version: z.string(),
    }),
    summary: z.string(),
    place: z.string(),
    parties: z.number().int(),
    riskLevel: z.enum(RISK_LEVELS),
    handlingUnit: z.object({ id: z.string(), name: z.string() }),
    outcome: z.enum(OUTCOMES).openapi({ description: 'As it stands now: the latest entry, or open' }),
    outcomeOn: z.string().nullable(),
    petitionId: z
      .string()
      .nullable()
      .openapi({ description: 'The case it became, while its outcome is petition' }),
    history: z
      .array(OutcomeEntrySchema)
      .openapi({ description: 'Every outcome entry, dated, with who recorded it' }),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .openapi('ScreeningDispute');

const roundFields = {
  id: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  kind: z.enum(ROUND_KINDS),
  periodStart: z.string(),
  periodEnd: z.string(),
  heldOn: z.string(),
  ledBy: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
};

export const RoundSchema = z
  .object({ ...roundFields, disputes: z.array(DisputeSchema) })
  .openapi('ScreeningRound');

export const RoundListSchema = z
  .object({
    items: z.array(
      z
        .object({ ...roundFields, disputes: z.number().int(), open: z.number().int() })
        .openapi('ScreeningRoundItem'),
    ),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('ScreeningRoundList');

export type RecordRound = z.infer<typeof RecordRoundSchema>;
export type RecordDispute = z.infer<typeof RecordDisputeSchema>;
export type RecordOutcome = z.infer<typeof RecordOutcomeSchema>;
export type ScreeningRoundsQuery = z.infer<typeof ScreeningRoundsQuerySchema>;
