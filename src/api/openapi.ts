import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { TRANSITIONS } from '../case';
import { COMMAND_BODIES } from '../domain/contract/commands';
import {
  ListPetitionsQuerySchema,
  PetitionDetailSchema,
  PetitionIdParamsSchema,
  PetitionListSchema,
  RegisterPetitionSchema,
} from '../domain/contract/petitions';
import { ErrorSchema } from './errors';
import { registerLadderPaths } from './openapi-ladder';
import { registerReportPaths } from './openapi-reports';
import { type CommandPath, commandPaths, formerPath, openApiPath, pathIdsOf } from './command-routes';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
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
const bodyErrors = {
  413: json(ErrorSchema, 'The body is larger than 1 MB'),
  415: json(ErrorSchema, 'The body is not JSON in UTF-8, uncompressed or gzip/deflate'),
};
const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description:
    'Retrying a POST with the same key returns the first final response and does nothing twice; ' +
    'a retry of a request that never answered runs it to the same end',
  schema: { type: 'string' as const, pattern: '^[A-Za-z0-9_\\-:.]{1,200}$' },
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

  const transition = ({ type, path, replacedBy }: CommandPath) =>
    registry.registerPath({
      method: 'post',
      path: `/api/petitions/{id}/${openApiPath(path)}`,
      summary: TRANSITIONS[type].summary,
      ...(replacedBy ? formerPath(`/api/petitions/{id}/${openApiPath(replacedBy)}`) : {}),
      tags: ['petitions'],
      security,
      parameters: [idempotencyHeader],
      request: {
        params: PetitionIdParamsSchema.extend(pathIdsOf(path).shape),
        body: { required: true, content: { 'application/json': { schema: COMMAND_BODIES[type] } } },
      },
      responses: {
        200: json(PetitionDetailSchema, 'The petition after the transition'),
        ...errors,
        ...bodyErrors,
        404: json(ErrorSchema, 'No such petition (or extension, hearing) visible to the user'),
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
    responses: { 201: json(PetitionDetailSchema, 'The registered petition'), ...errors, ...bodyErrors },
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
  for (const path of commandPaths('petition')) transition(path);
  registerLadderPaths(registry, { json, errors, bodyErrors, idempotencyHeader, security });
  registerReportPaths(registry, { errors, security });

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
        'Petition (信访) processing: registration, routing, objection, acceptance, extension, written reply, ' +
        'review and re-examination, the supervision ladder (督办 → 联席办 → 挂牌督办), return visits, ' +
        'evaluations, notifications and the petitioner’s lookup.',
    },
    servers: [{ url: '/' }],
  });
}
