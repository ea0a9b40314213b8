import type { z } from 'zod';
import { AppError } from '../domain/errors';

type Where = 'body' | 'query' | 'path';

/**
 * Parses input with a schema, or fails with 422 naming every offending field. Typed by the schema's output,
 * so that a command's schema picked by a generic command type yields that command's body.
 */
export function parseInput<Output>(schema: z.ZodType<Output>, input: unknown, where: Where): Output {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields = result.error.issues.flatMap((issue) => fieldsOf(issue, where));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  throw new AppError(422, 'validation_failed', `Invalid ${where}: ${summary}`, { fields });
}

/**
 * The fields an issue is about. Fields the schema does not know (the schemas are strict, so that nothing
 * sent is silently dropped, F11) are named each by its own path, not by the object holding them.
 */
function fieldsOf(issue: z.core.$ZodIssue, where: Where): Array<{ path: string; message: string }> {
  const pathOf = (path: PropertyKey[]) => path.map(String).join('.') || where;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: pathOf([...issue.path, key]),
      message: `unknown field: this ${where} takes no such field`,
    }));
  }
  return [{ path: pathOf(issue.path), message: issue.message }];
}
