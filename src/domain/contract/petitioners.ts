import { LINK_RELATIONS } from '../../db/case-links';
import { phoneNumber, plainText, residentIdNumber } from './fields';
import { PetitionDetailSchema, PetitionSummarySchema } from './petitions';
import { z } from './zod';

const petitionId = z.string().regex(/^XF-\d{4}-\d{6}$/, 'must be a petition id such as XF-2026-000001');

/**
 * Who the person at the desk is: the identity number (compared through its keyed hash, never stored plain), or
 * the name and phone (candidates a person confirms). POST, so the number stays out of URLs and request logs.
 */
export const PetitionerLookupSchema = z
  .object({
    idNumber: residentIdNumber.optional(),
    name: plainText(1, 100).optional(),
    phone: phoneNumber.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const byNumber = body.idNumber !== undefined;
    const byNamePhone = body.name !== undefined || body.phone !== undefined;
    if (byNumber === byNamePhone) {
      ctx.addIssue({ code: 'custom', message: 'give either idNumber, or name and phone', path: [] });
    } else if (byNamePhone && (body.name === undefined || body.phone === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'required with the name', path: ['phone'] });
    }
  })
  .openapi('PetitionerLookup', {
    description: 'Either `idNumber`, or `name` and `phone`',
    example: { name: '张三', phone: '13800000000' },
  });

export const PetitionerIdParamsSchema = z.object({
  petitionerId: z
    .string()
    .regex(/^P-[0-9a-f]{16}$/, 'must be a petitioner id such as P-0123456789abcdef')
    .openapi({ example: 'P-0123456789abcdef' }),
});

export const ConfirmPetitionerMatchSchema = z
  .object({
    caseId: petitionId.openapi({
      description:
        'A case whose petitioner has the same name and phone, registered without an identity number',
    }),
  })
  .strict()
  .openapi('ConfirmPetitionerMatch', { example: { caseId: 'XF-2026-000002' } });

const CountsSchema = z
  .object({
    total: z.number(),
    open: z.number(),
    final: z.number().openapi({ description: 'Closed as final after re-examination (Art 36 ¶3)' }),
  })
  .openapi('PetitionerCounts', { description: 'Cases of the petitioner the caller may see' });

export const PetitionerSummarySchema = z
  .object({
    petitionerId: z.string(),
    name: z.string(),
    match: z.enum(['identity-number', 'name-and-phone', 'registration']).openapi({
      description:
        'identity-number: the same person for sure; name-and-phone: a candidate a person confirms before its ' +
        'cases join one file; registration: the file the new petition was filed under',
    }),
    cases: CountsSchema,
  })
  .openapi('PetitionerSummary');

export const PetitionerLookupResultSchema = z
  .object({ matches: z.array(PetitionerSummarySchema) })
  .openapi('PetitionerLookupResult');

export const PetitionerFileSchema = z
  .object({
    petitionerId: z.string(),
    name: z.string(),
    phone: z.string().nullable().openapi({ description: 'Digits only, as last registered' }),
    identified: z.boolean().openapi({ description: 'Its cases are linked by an identity number' }),
    counts: CountsSchema,
    cases: z.array(PetitionSummarySchema),
    confirmedMatches: z.array(
      z.object({
        petitionId: z.string(),
        previousPetitionerId: z.string(),
        confirmedBy: z.string(),
        confirmedAt: z.string(),
      }),
    ),
    timeline: z.array(
      z.object({
        petitionId: z.string(),
        sequence: z.number(),
        type: z.string(),
        at: z.string(),
        actor: z.string().nullable(),
      }),
    ),
  })
  .openapi('PetitionerFile');

export type PetitionerLookup = z.infer<typeof PetitionerLookupSchema>;

/** Link two cases (关联): the other case and how they relate. */
export const LinkCasesSchema = z
  .object({
    caseId: petitionId.openapi({ description: 'The other case; both must be visible to the caller' }),
    relation: z.enum(LINK_RELATIONS).openapi({
      description:
        'same-matter: one matter raised twice (a merge may follow); related: matters that bear on each other',
    }),
  })
  .strict()
  .openapi('LinkCases', { example: { caseId: 'XF-2026-000002', relation: 'related' } });

export const CaseLinkParamsSchema = z.object({
  id: petitionId.openapi({ example: 'XF-2026-000001' }),
  caseId: petitionId.openapi({ example: 'XF-2026-000002' }),
});

/** The registration's answer: the petition, and what the petitioner's file holds (一户一档). */
export const RegisteredPetitionSchema = PetitionDetailSchema.extend({
  petitionerFile: PetitionerSummarySchema.extend({
    candidates: z.array(PetitionerSummarySchema).openapi({
      description:
        'Registered without an identity number: people of the same name and phone with cases the caller may ' +
        'see; a person confirms a match (POST /api/petitioners/{petitionerId}/matches)',
    }),
  })
    .nullable()
    .optional()
    .openapi({
      description:
        'The file the petition went into: its earlier cases the caller may see (all, open, final after ' +
        're-examination). Absent from a replayed answer (the same Idempotency-Key again), which is the case as it ' +
        'stands now',
    }),
}).openapi('RegisteredPetition');
