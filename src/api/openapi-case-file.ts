import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  AddLogEntrySchema,
  AttachmentListSchema,
  AttachmentParamsSchema,
  AttachmentSchema,
  AttachmentUploadQuerySchema,
  AttachmentUploadSchema,
  LogEntrySchema,
  WorkLogSchema,
} from '../domain/contract/case-file';
import { PetitionIdParamsSchema } from '../domain/contract/petitions';
import { ATTACHMENT_MEDIA_TYPES } from '../domain/case-file/content-types';
import { ErrorSchema } from './errors';
import { bodyErrors, errors, json, security } from './openapi-parts';

const missing = { 404: json(ErrorSchema, 'No such petition (or attachment) visible to the user') };

/** The case file (issue 22, S17): the work log and the attachments, in the OpenAPI document. */
export function registerCaseFilePaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'get',
    path: '/api/petitions/{id}/log',
    summary: 'The work log (工作日志): dated entries, with their corrections and attachments',
    tags: ['case file'],
    security,
    request: { params: PetitionIdParamsSchema },
    responses: {
      200: json(WorkLogSchema, 'The entries, in the order things happened'),
      ...errors,
      ...missing,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/petitions/{id}/log',
    summary:
      'Add a work-log entry (调查, 谈话, 走访, 电话, 会议). Append-only: a mistake is corrected by a new entry (`corrects`)',
    tags: ['case file'],
    security,
    request: {
      params: PetitionIdParamsSchema,
      body: { required: true, content: { 'application/json': { schema: AddLogEntrySchema } } },
    },
    responses: {
      201: json(LogEntrySchema, 'The entry'),
      ...errors,
      ...bodyErrors,
      ...missing,
      409: json(ErrorSchema, '`already_corrected`: the entry has a correction already; correct that one'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/petitions/{id}/attachments',
    summary: 'The attachments of a case (附件): scans, photos, PDFs, office files',
    tags: ['case file'],
    security,
    request: { params: PetitionIdParamsSchema },
    responses: { 200: json(AttachmentListSchema, 'The attachments, oldest first'), ...errors, ...missing },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/petitions/{id}/attachments',
    summary:
      'Upload an attachment (multipart/form-data, part `file`), to the case, a log entry or a document; ' +
      'the type is recognised from the content',
    tags: ['case file'],
    security,
    request: {
      params: PetitionIdParamsSchema,
      query: AttachmentUploadQuerySchema,
      body: { required: true, content: { 'multipart/form-data': { schema: AttachmentUploadSchema } } },
    },
    responses: {
      201: json(AttachmentSchema, 'The stored attachment'),
      ...errors,
      ...missing,
      413: json(ErrorSchema, '`file_too_large`: over ATTACHMENT_MAX_BYTES; nothing stored'),
      415: json(
        ErrorSchema,
        '`unsupported_file_type`: the content is not a PDF, image or office file; or the body is not multipart',
      ),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/petitions/{id}/attachments/{attachmentId}',
    summary: 'Download an attachment: the bytes as uploaded, its SHA-256 as the ETag',
    tags: ['case file'],
    security,
    request: { params: AttachmentParamsSchema },
    responses: {
      200: {
        description: 'The file',
        // The type read from the content at upload (content-types.ts), as the download's Content-Type.
        content: Object.fromEntries(
          ATTACHMENT_MEDIA_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
        ),
      },
      ...errors,
      ...missing,
    },
  });
}
