import type { z } from 'zod';
import { ErrorSchema } from './errors';

/** The pieces the OpenAPI document's operations share: answers, the idempotency header, the bearer scheme. */

export const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const errors = {
  400: json(
    ErrorSchema,
    'The request cannot be read: malformed JSON, nested too deeply, or a malformed Idempotency-Key',
  ),
  401: json(ErrorSchema, 'Missing, invalid or expired bearer token'),
  403: json(ErrorSchema, 'The user may not do this'),
  422: json(
    ErrorSchema,
    'Invalid input (`error.details.fields` names each field), or a window that has passed',
  ),
  503: json(ErrorSchema, 'Temporal or PostgreSQL unreachable, or no answer in time: retry with the same key'),
};
/** What the JSON body parser refuses, on every operation that takes a body. */
export const bodyErrors = {
  413: json(ErrorSchema, 'The body is larger than 1 MB'),
  415: json(ErrorSchema, 'The body is not JSON in UTF-8, uncompressed or gzip/deflate'),
};
export const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description:
    'Retrying a POST with the same key returns the first final response and does nothing twice; ' +
    'a retry of a request that never answered runs it to the same end',
  schema: { type: 'string' as const, pattern: '^[A-Za-z0-9_\\-:.]{1,200}$' },
};
/** Either scheme: both are the OpenID provider's access token, sent as a bearer token. */
export const security: Array<Record<string, string[]>> = [{ oidc: [] }, { bearer: [] }];
/** On an operation about one item (a supervision item, a notification). */
export const notFound = { 404: json(ErrorSchema, 'Not found, or not visible to the caller') };
