import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { PublicEvaluationSchema, PublicLookupSchema, PublishedCaseSchema } from '../domain/contract/public';
import { ErrorSchema } from './errors';
import { bodyErrors, errors, json } from './openapi-parts';

/** The petitioner's endpoint (no account: the case number and its query code), in the OpenAPI document. */
export function registerPublicPaths(registry: OpenAPIRegistry) {
  const publicErrors = {
    400: errors[400],
    ...bodyErrors,
    404: json(ErrorSchema, 'No petition with this number and query code (the same answer for both)'),
    422: json(ErrorSchema, 'Invalid input, or the evaluation window has passed'),
    429: json(ErrorSchema, 'Too many requests from this address'),
    503: errors[503],
  };
  registry.registerPath({
    method: 'post',
    path: '/api/public/lookup',
    summary: 'The petitioner looks a case up: its published dates (petition-rules §7)',
    tags: ['public'],
    request: { body: { required: true, content: { 'application/json': { schema: PublicLookupSchema } } } },
    responses: { 200: json(PublishedCaseSchema, 'The published dates'), ...publicErrors },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/public/evaluations',
    summary: 'The petitioner evaluates the acceptance notice or a reply within 15 d (满意度评价)',
    tags: ['public'],
    request: {
      body: { required: true, content: { 'application/json': { schema: PublicEvaluationSchema } } },
    },
    responses: {
      200: json(PublishedCaseSchema, 'The case with the evaluation recorded'),
      ...publicErrors,
      409: json(ErrorSchema, 'Evaluated already, or nothing to evaluate yet'),
    },
  });
}
