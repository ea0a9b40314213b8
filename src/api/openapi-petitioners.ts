import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { PetitionDetailSchema, PetitionIdParamsSchema } from '../domain/contract/petitions';
import {
  CaseLinkParamsSchema,
  ConfirmPetitionerMatchSchema,
  LinkCasesSchema,
  PetitionerFileSchema,
  PetitionerIdParamsSchema,
  PetitionerLookupResultSchema,
  PetitionerLookupSchema,
} from '../domain/contract/petitioners';
import { ErrorSchema } from './errors';
import { bodyErrors, errors, json, notFound, security } from './openapi-parts';

/** The petitioner's file (一户一档), the desk's lookup, and links between cases, in the OpenAPI document. */
export function registerPetitionerPaths(registry: OpenAPIRegistry) {
  const body = (schema: Parameters<typeof json>[0]) => ({
    required: true,
    content: { 'application/json': { schema } },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/petitioners/lookup',
    summary:
      'While registering: is the person known? By identity number (through its keyed hash) or name and phone; ' +
      'counts of the cases the caller may see (earlier, open, final)',
    tags: ['petitioners'],
    security,
    request: { body: body(PetitionerLookupSchema) },
    responses: {
      200: json(PetitionerLookupResultSchema, 'The matching petitioners'),
      ...errors,
      ...bodyErrors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/petitioners/{petitionerId}',
    summary: 'The petitioner’s file (一户一档): the cases the caller may see, one timeline across them',
    tags: ['petitioners'],
    security,
    request: { params: PetitionerIdParamsSchema },
    responses: { 200: json(PetitionerFileSchema, 'The file'), ...errors, ...notFound },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/petitioners/{petitionerId}/matches',
    summary:
      'Confirm that a case registered without an identity number is this petitioner’s (same name and phone): it ' +
      'joins the file, recorded with who and when',
    tags: ['petitioners'],
    security,
    request: { params: PetitionerIdParamsSchema, body: body(ConfirmPetitionerMatchSchema) },
    responses: {
      200: json(PetitionerFileSchema, 'The file with the case'),
      ...errors,
      ...bodyErrors,
      ...notFound,
      409: json(ErrorSchema, 'Filed by its identity number, or in this file already'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/petitions/{id}/links',
    summary:
      'Link a related case (关联), audited; the repeat detection (same petitioner, same category) stays',
    tags: ['petitions'],
    security,
    request: { params: PetitionIdParamsSchema, body: body(LinkCasesSchema) },
    responses: {
      200: json(PetitionDetailSchema, 'The petition with its links'),
      ...errors,
      ...bodyErrors,
      ...notFound,
      409: json(ErrorSchema, 'Linked already'),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/petitions/{id}/links/{caseId}',
    summary: 'Unlink a case, audited',
    tags: ['petitions'],
    security,
    request: { params: CaseLinkParamsSchema },
    responses: { 200: json(PetitionDetailSchema, 'The petition with its links'), ...errors, ...notFound },
  });
}
