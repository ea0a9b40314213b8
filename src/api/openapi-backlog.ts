import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import {
  AddProgressSchema,
  BacklogEntrySchema,
  CampaignDetailSchema,
  CampaignIdParamsSchema,
  CampaignListSchema,
  CampaignSchema,
  CampaignsQuerySchema,
  CreateCampaignSchema,
  CreateEntrySchema,
  EntriesQuerySchema,
  EntryIdParamsSchema,
  EntryListSchema,
  RecordOutcomeSchema,
  RetargetSchema,
} from '../domain/contract/backlog';
import { ErrorSchema } from './errors';
import { bodyErrors, errors, idempotencyHeader, json, notFound, security } from './openapi-parts';

const tags = ['backlog register'];
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });
const keepers = 'Keepers of the register only: a supervisor of the bureau or the joint-conference office';
const closed = { 409: json(ErrorSchema, '`entry_closed`: its outcome is recorded already') };

/** The backlog register (积案台账) and campaigns (专项攻坚), issue 23 item 2, in the OpenAPI document. */
export function registerBacklogPaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'post',
    path: '/api/backlog/campaigns',
    summary: `A campaign (专项攻坚): name, period, scope unit, 化解率 target. ${keepers}`,
    tags,
    security,
    request: { body: body(CreateCampaignSchema) },
    parameters: [idempotencyHeader],
    responses: {
      201: json(CampaignSchema, 'The campaign, with its (empty) progress'),
      ...errors,
      ...bodyErrors,
      404: json(ErrorSchema, 'No such unit'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/backlog/campaigns',
    summary:
      'The campaigns of the caller’s scope (or of a unit within it), with their progress against target',
    tags,
    security,
    request: { query: CampaignsQuerySchema },
    responses: {
      200: json(CampaignListSchema, 'Newest first'),
      ...errors,
      404: json(ErrorSchema, 'No such unit (`unit=`)'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/backlog/campaigns/{campaignId}',
    summary: 'A campaign, its progress and its entries',
    tags,
    security,
    request: { params: CampaignIdParamsSchema },
    responses: { 200: json(CampaignDetailSchema, 'The campaign'), ...errors, ...notFound },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/backlog/entries',
    summary:
      `An entry of the backlog register (积案台账): a long-standing matter — one case or a cluster, any status — ` +
      `with leader, unit, cause, measures and a target date (warned of, then 督办, then 报联席办). ${keepers}`,
    tags,
    security,
    request: { body: body(CreateEntrySchema) },
    parameters: [idempotencyHeader],
    responses: {
      201: json(BacklogEntrySchema, 'The entry'),
      ...errors,
      ...bodyErrors,
      404: json(ErrorSchema, 'A case (or the campaign) unknown or not visible to the caller'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/backlog/entries',
    summary: 'The entries kept by, or to be worked off by, a unit of the caller’s scope',
    tags,
    security,
    request: { query: EntriesQuerySchema },
    responses: {
      200: json(EntryListSchema, 'Newest first'),
      ...errors,
      404: json(ErrorSchema, 'No such unit (`unit=`)'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/backlog/entries/{entryId}',
    summary: 'An entry with its dated progress',
    tags,
    security,
    request: { params: EntryIdParamsSchema },
    responses: { 200: json(BacklogEntrySchema, 'The entry'), ...errors, ...notFound },
  });
  const act = (path: string, summary: string, schema: z.ZodType, ok: 200 | 201, extra = {}) =>
    registry.registerPath({
      method: 'post',
      path: `/api/backlog/entries/{entryId}/${path}`,
      summary: `${summary}. ${keepers}`,
      tags,
      security,
      request: { params: EntryIdParamsSchema, body: body(schema) },
      parameters: [idempotencyHeader],
      responses: {
        [ok]: json(BacklogEntrySchema, 'The entry'),
        ...errors,
        ...bodyErrors,
        ...notFound,
        ...extra,
      },
    });
  act('progress', 'A dated progress note (进展)', AddProgressSchema, 201);
  act(
    'target-date',
    'A new target date: the warnings and the ladder are planned again',
    RetargetSchema,
    200,
    closed,
  );
  act(
    'outcome',
    'The outcome: resolved (化解) or stopped petitioning (息诉罢访); its timer ends',
    RecordOutcomeSchema,
    200,
    closed,
  );
}
