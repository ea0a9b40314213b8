import { LOG_ENTRY_KINDS } from '../../db/case-file/log-entries';
import { toShanghaiDate } from '../../rules/dates';
import { documentText, isoDate } from './fields';
import { PetitionIdParamsSchema } from './petitions';

/** The documents (by kind) an attachment may belong to: the written opinions (书面答复意见书 and the others). */
export const ATTACHABLE_DOCUMENTS = ['reply-opinion', 'review-opinion', 'reexamination-opinion'] as const;
import { z } from './zod';

/** The work log (工作日志) and the attachments (附件) of a case: S17. */

const entryId = z
  .string()
  .regex(/^log-[0-9a-f-]{36}$/, 'must be a log entry id such as log-2f1c…')
  .openapi({ example: 'log-6f9619ff-8b86-4011-b42d-00c04fc964ff' });
const attachmentId = z
  .string()
  .regex(/^att-[0-9a-f-]{36}$/, 'must be an attachment id such as att-2f1c…')
  .openapi({ example: 'att-6f9619ff-8b86-4011-b42d-00c04fc964ff' });

export const AddLogEntrySchema = z
  .object({
    kind: z.enum(LOG_ENTRY_KINDS).openapi({
      description: '调查 investigation, 约谈/谈话 talk, 实地走访 site-visit, 电话 call, 会议 meeting, other',
    }),
    occurredOn: isoDate.openapi({
      description: 'The day it happened: not after today, not before the petition was received',
    }),
    text: documentText('What was done and found'),
    corrects: entryId.optional().openapi({
      description:
        'The entry this one corrects (only its author may): the log is append-only, the corrected entry stays on file',
    }),
  })
  .strict()
  .openapi('AddLogEntry', {
    // The day the documentation is built: not after today, and not before a petition registered today.
    example: {
      kind: 'site-visit',
      occurredOn: toShanghaiDate(new Date()),
      text: '到3号楼现场查看电梯，电梯停运，已约物业公司负责人次日面谈。',
    },
  });

export const AttachmentSchema = z
  .object({
    id: attachmentId,
    petitionId: z.string(),
    logEntryId: z.string().nullable(),
    documentId: z.string().nullable(),
    fileName: z.string(),
    mediaType: z
      .string()
      .openapi({ description: 'As recognised from the content, not as the client claimed' }),
    sizeBytes: z.number().int(),
    sha256: z
      .string()
      .openapi({ description: 'Hex SHA-256 of the bytes; the download carries it as its ETag' }),
    uploadedBy: z.string(),
    unitId: z.string(),
    createdAt: z.string(),
  })
  .openapi('Attachment');

export const LogEntrySchema = z
  .object({
    id: z.string(),
    petitionId: z.string(),
    kind: z.enum(LOG_ENTRY_KINDS),
    occurredOn: z.string(),
    text: z.string(),
    author: z.string(),
    unitId: z.string(),
    corrects: z.string().nullable(),
    correctedBy: z.string().nullable().openapi({ description: 'The later entry that corrects this one' }),
    attachments: z.array(AttachmentSchema),
    createdAt: z.string(),
  })
  .openapi('LogEntry');

export const WorkLogSchema = z.object({ items: z.array(LogEntrySchema) }).openapi('WorkLog');
export const AttachmentListSchema = z.object({ items: z.array(AttachmentSchema) }).openapi('AttachmentList');

/** Where an upload belongs, besides the case: a log entry, or a document such as the reply's written opinion. */
export const AttachmentUploadQuerySchema = z
  .object({
    logEntryId: entryId.optional(),
    document: z.enum(ATTACHABLE_DOCUMENTS).optional().openapi({
      description:
        'A document of the case: the current written opinion of the reply, the review or the re-examination',
    }),
  })
  .strict()
  .refine((q) => !(q.logEntryId && q.document), { message: 'give logEntryId or document, not both' });

export const AttachmentUploadSchema = z
  .object({
    file: z.string().openapi({ format: 'binary', description: 'The file; its name keeps its extension' }),
  })
  .openapi('AttachmentUpload');

export const AttachmentParamsSchema = PetitionIdParamsSchema.extend({ attachmentId });
