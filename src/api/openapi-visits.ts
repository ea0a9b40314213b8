import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  InstructionSchema,
  ReceptionSessionDetailSchema,
  ReceptionSessionSchema,
  VisitSchema,
} from '../domain/contract/case-visits';
import { PetitionIdParamsSchema } from '../domain/contract/petitions';
import { RecordInstructionSchema, RecordSessionSchema, RecordVisitSchema } from '../domain/contract/visits';
import { z } from '../domain/contract/zod';
import { ErrorSchema } from './errors';
import { bodyErrors, errors, idempotencyHeader, json, security } from './openapi-parts';

const body = (schema: Parameters<typeof json>[0]) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** The visit register (issue 23 item 1): visits, reception sessions, leaders' instructions. */
export function registerVisitPaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'post',
    path: '/api/visits',
    summary:
      'Record a visit (来访登记): 批 and 人次 (counts only, no names), the case (existing: a repeat visit; or ' +
      'registered now, channel visit), how it was received or, reported down, where it went (越级访)',
    tags: ['visits'],
    security,
    parameters: [idempotencyHeader],
    request: { body: body(RecordVisitSchema) },
    responses: {
      201: json(VisitSchema, 'The recorded visit'),
      ...errors,
      ...bodyErrors,
      404: json(ErrorSchema, 'No such case visible to the caller'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/reception-sessions',
    summary:
      'Record a leader’s reception day (领导接访), a down-visit (下访) or a joint reception (联合接访): one event, ' +
      'counted once; visits received at it name it',
    tags: ['visits'],
    security,
    parameters: [idempotencyHeader],
    request: { body: body(RecordSessionSchema) },
    responses: { 201: json(ReceptionSessionSchema, 'The session'), ...errors, ...bodyErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/reception-sessions/{sessionId}',
    summary: 'A reception session with the visits received at it',
    tags: ['visits'],
    security,
    request: {
      params: z.object({
        sessionId: z.string().openapi({ example: 'rs-6f9619ff-8b86-4011-b42d-00c04fc964ff' }),
      }),
    },
    responses: {
      200: json(ReceptionSessionDetailSchema, 'The session and its visits'),
      ...errors,
      404: json(ErrorSchema, 'No such session in the caller’s scope'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/petitions/{id}/instructions',
    summary: 'Record a leader’s 阅批 or 批示 on a case: shown in the case detail, counted in the reports',
    tags: ['visits'],
    security,
    parameters: [idempotencyHeader],
    request: { params: PetitionIdParamsSchema, body: body(RecordInstructionSchema) },
    responses: {
      201: json(InstructionSchema, 'The recorded instruction'),
      ...errors,
      ...bodyErrors,
      404: json(ErrorSchema, 'No such petition visible to the user'),
    },
  });
}
