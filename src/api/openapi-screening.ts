import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  DisputeIdParamsSchema,
  DisputeSchema,
  RecordDisputeSchema,
  RecordOutcomeSchema,
  RecordRoundSchema,
  RoundIdParamsSchema,
  RoundListSchema,
  RoundSchema,
  ScreeningRoundsQuerySchema,
} from '../domain/contract/screening';
import { ErrorSchema } from './errors';
import { bodyErrors, errors, idempotencyHeader, json, security } from './openapi-parts';

const tags = ['screening'];
const outside = { 403: json(ErrorSchema, 'No role to record, or a unit outside the caller’s scope') };

/** The dispute screening register (矛盾纠纷排查, issue 23 item 3), in the OpenAPI document. */
export function registerScreeningPaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'get',
    path: '/api/screening/rounds',
    summary: 'Screening rounds (矛盾纠纷排查) of the caller’s scope, newest first, with their dispute counts',
    tags,
    security,
    request: { query: ScreeningRoundsQuerySchema },
    responses: {
      200: json(RoundListSchema, 'One page of rounds'),
      ...errors,
      ...outside,
      404: json(ErrorSchema, 'No such unit (`unit=`)'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/screening/rounds',
    summary: 'Record a screening round a unit held: its period, the day held, who led it',
    tags,
    security,
    parameters: [idempotencyHeader],
    request: { body: { required: true, content: { 'application/json': { schema: RecordRoundSchema } } } },
    responses: { 201: json(RoundSchema, 'The round'), ...errors, ...bodyErrors, ...outside },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/screening/rounds/{roundId}',
    summary: 'A screening round with the disputes it found and each one’s outcome history',
    tags,
    security,
    request: { params: RoundIdParamsSchema },
    responses: {
      200: json(RoundSchema, 'The round'),
      ...errors,
      404: json(ErrorSchema, 'No such round in the caller’s scope'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/screening/rounds/{roundId}/disputes',
    summary:
      'Record a dispute the round found: classification, place, parties (a count), risk, handling unit',
    tags,
    security,
    parameters: [idempotencyHeader],
    request: {
      params: RoundIdParamsSchema,
      body: { required: true, content: { 'application/json': { schema: RecordDisputeSchema } } },
    },
    responses: {
      201: json(DisputeSchema, 'The dispute, open'),
      ...errors,
      ...bodyErrors,
      ...outside,
      404: json(ErrorSchema, 'No such round in the caller’s scope'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/screening/disputes/{disputeId}/outcomes',
    summary:
      'Record a dated outcome of a dispute: mediated, resolved, became a petition (linked), or reopened',
    tags,
    security,
    parameters: [idempotencyHeader],
    request: {
      params: DisputeIdParamsSchema,
      body: { required: true, content: { 'application/json': { schema: RecordOutcomeSchema } } },
    },
    responses: {
      201: json(DisputeSchema, 'The dispute with its outcome history'),
      ...errors,
      ...bodyErrors,
      403: json(ErrorSchema, 'No role to record outcomes'),
      404: json(
        ErrorSchema,
        'No such dispute in the caller’s scope, or no such petition visible to the caller',
      ),
      409: json(ErrorSchema, '`outcome_unchanged`: the dispute has that outcome already'),
    },
  });
}
