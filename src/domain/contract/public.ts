import { EVALUATION_SUBJECTS, SATISFACTION_GRADES } from '../../case/aftercare';
import { z } from './zod';

/** The petitioner's endpoint: a case looked up by its number and query code, and its evaluation. */

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
