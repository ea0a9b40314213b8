import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
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
import { registerClassificationPaths } from './openapi-classification';
import { registerAdminPaths } from './openapi-admin';
import { registerCaseFilePaths } from './openapi-case-file';
import { registerVisitPaths } from './openapi-visits';
import { registerBacklogPaths } from './openapi-backlog';
import { registerNotificationPaths } from './openapi-notifications';
import { bodyErrors, errors, idempotencyHeader, json, security } from './openapi-parts';
import { registerPublicPaths } from './openapi-public';
import { registerReportPaths } from './openapi-reports';
import { registerSupervisionPaths } from './openapi-supervision';
import { registerPetitionerPaths } from './openapi-petitioners';
import { registerScreeningPaths } from './openapi-screening';
import { registerQueuePaths } from './openapi-queue';
import { registerMePaths } from './openapi-me';
import { withFieldTitles } from '../domain/contract/field-titles';
import { RegisteredPetitionSchema } from '../domain/contract/petitioners';
import { type CommandPath, commandPaths, formerPath, openApiPath, pathIdsOf } from './command-routes';

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(signIn: { discoveryUrl: string }): object {
  const registry = new OpenAPIRegistry();
  // An access token (JWT) of the deployment's OpenID provider, sent as a bearer token.
  registry.registerComponent('securitySchemes', 'oidc', {
    type: 'openIdConnect',
    openIdConnectUrl: signIn.discoveryUrl,
  });
  // The same access token pasted by hand (the token box of /docs, a script's `petitionflow token`).
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token of the OpenID provider above',
  });

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
    summary:
      'Register a petition (登记): by a petition bureau, or by a unit with authority that received it directly (Art 23)',
    tags: ['petitions'],
    security,
    parameters: [idempotencyHeader],
    request: {
      body: { required: true, content: { 'application/json': { schema: RegisterPetitionSchema } } },
    },
    responses: { 201: json(RegisteredPetitionSchema, 'The registered petition'), ...errors, ...bodyErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/petitions',
    summary:
      'Search the petitions visible to the user: text (电梯), case number, petitioner, filters; keyset paging by cursor',
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
  registerQueuePaths(registry);
  registerSupervisionPaths(registry);
  registerPetitionerPaths(registry);
  registerClassificationPaths(registry);
  registerNotificationPaths(registry);
  registerPublicPaths(registry);
  registerReportPaths(registry);
  registerAdminPaths(registry);
  registerCaseFilePaths(registry);
  registerVisitPaths(registry);
  registerScreeningPaths(registry);
  registerBacklogPaths(registry);

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

  registerMePaths(registry);

  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
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
  // Chinese labels for the workbench's generated forms.
  return withFieldTitles(document);
}
