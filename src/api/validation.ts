import type { z } from 'zod';
import { AppError } from '../domain/errors';

/**
 * Parses input with a schema, or fails with 422 naming every offending field. Typed by the schema's output,
 * so that a command's schema picked by a generic command type yields that command's body.
 */
export function parseInput<Output>(
  schema: z.ZodType<Output>,
  input: unknown,
  where: 'body' | 'query' | 'path',
): Output {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || where,
    message: issue.message,
  }));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  throw new AppError(422, 'validation_failed', `Invalid ${where}: ${summary}`, { fields });
}
