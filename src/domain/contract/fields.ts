import { addDays, MAX_YEAR, toShanghaiDate } from '../../rules/dates';
import { z } from './zod';

const LATEST_DATE = `${MAX_YEAR}-12-31`;

/** A calendar date as YYYY-MM-DD, from 2000 on (the calendar data and the regulations start later). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'must be a real calendar date',
    },
  )
  .refine((s) => s >= '2000-01-01', { message: 'must be 2000-01-01 or later' })
  // A later year is a typo; the rule set bounds the dates a command sets ahead much more tightly.
  .refine((s) => s <= LATEST_DATE, { message: `must be ${LATEST_DATE} or earlier` });

/**
 * Text as people type it: bounded, trimmed, and without NUL characters (which PostgreSQL cannot store). The
 * bound applies to the text as sent, before trimming, as the documented `maxLength` does (fuzz ST201).
 */
export const plainText = (min: number, max: number) =>
  z
    .string()
    .max(max)
    .trim()
    .min(min)
    .refine((s) => !s.includes('\u0000'), { message: 'must not contain NUL characters' });

/** A phone number as typed (digits, +, - and blanks); the pattern applies to the text as sent, as documented. */
export const phoneNumber = z
  .string()
  .regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number')
  .trim();

/** An 18-character resident ID number (居民身份证号码), exactly as its documented pattern says: no blanks. */
export const residentIdNumber = z
  .string()
  .regex(/^[0-9]{17}[0-9Xx]$/, 'must be an 18-character resident ID number');

/** A query-string flag: `true` or `false`. */
export const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** Offset paging: deep pages of an OFFSET list cost the database the rows before them (filter instead). */
export const page = z.coerce.number().int().min(1).max(500).default(1);
export const pageSize = (max: number, byDefault: number) =>
  z.coerce.number().int().min(1).max(max).default(byDefault);

/** Free text written to PostgreSQL as a document; the workflow sees only its id. */
export const documentText = (description: string, max = 20000) => plainText(1, max).openapi({ description });
export const unitId = z.string().min(1).max(100);
export const login = z.string().min(1).max(100);

/**
 * A date some days after the day the documentation is built, for OpenAPI examples: a fixed date would fall
 * outside the rule set's limits on dates set ahead (30 d for a feedback target) and be refused.
 */
export function exampleDateAhead(days: number): string {
  return addDays(toShanghaiDate(new Date()), days);
}
