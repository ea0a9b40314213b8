import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import {
  AcknowledgePetitionSchema,
  ErrorSchema,
  ListPetitionsQuerySchema,
  PetitionDetailSchema,
  PetitionIdParamsSchema,
  PetitionListSchema,
  RegisterPetitionSchema,
  ReplyPetitionSchema,
  RoutePetitionSchema,
} from './schemas';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  401: json(ErrorSchema, 'Missing, invalid or expired bearer token'),
  403: json(ErrorSchema, 'The user may not do this'),
  422: json(ErrorSchema, 'Invalid input; `error.details.fields` names each field'),
};
const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description: 'Retrying a POST with the same key returns the first response and changes nothing',
  schema: { type: 'string' as const },
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const security = [{ bearer: [] }];

  const transition = (path: string, summary: string, schema: z.ZodType) =>
    registry.registerPath({
      method: 'post',
      path: `/api/petitions/{id}/${path}`,
      summary,
      tags: ['petitions'],
      security,
      parameters: [idempotencyHeader],
      request: {
        params: PetitionIdParamsSchema,
        body: { required: true, content: { 'application/json': { schema } } },
      },
      responses: {
        200: json(PetitionDetailSchema, 'The petition after the transition'),
        ...errors,
        404: json(ErrorSchema, 'No such petition visible to the user'),
        409: json(ErrorSchema, 'The transition is not allowed in the petition’s current state'),
      },
    });

  registry.registerPath({
    method: 'post',
    path: '/api/petitions',
    summary: 'Register a petition (登记)',
    tags: ['petitions'],
    security,
    parameters: [idempotencyHeader],
    request: {
      body: { required: true, content: { 'application/json': { schema: RegisterPetitionSchema } } },
    },
    responses: { 201: json(PetitionDetailSchema, 'The registered petition'), ...errors },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/petitions',
    summary: 'List petitions visible to the user',
    tags: ['petitions'],
    security,
    request: { query: ListPetitionsQuerySchema },
    responses: { 200: json(PetitionListSchema, 'One page of petitions'), ...errors },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/petitions/{id}',
    summary: 'A petition: state, deadlines with due dates, timeline',
    tags: ['petitions'],
    security,
    request: { params: PetitionIdParamsSchema },
    responses: {
      200: json(PetitionDetailSchema, 'The petition'),
      ...errors,
      404: json(ErrorSchema, 'No such petition visible to the user'),
    },
  });
  transition('route', 'Transfer to the handling unit with authority (转送)', RoutePetitionSchema);
  transition('acknowledge', 'Accept and notify the petitioner (受理告知)', AcknowledgePetitionSchema);
  transition('reply', 'Reply in writing with the outcome (书面答复)', ReplyPetitionSchema);

  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'The process is up',
    tags: ['operations'],
    responses: { 200: { description: 'Up' } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'Temporal and PostgreSQL are reachable',
    tags: ['operations'],
    responses: { 200: { description: 'Ready' }, 503: { description: 'A dependency is unreachable' } },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'petitionflow API',
      version: '0.1.0',
      description:
        'Petition (信访) processing: registration, routing, acceptance, handling and written reply.',
    },
    servers: [{ url: '/' }],
  });
}
