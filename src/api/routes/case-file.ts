import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Router } from 'express';
import type { CaseFileService } from '../../domain/case-file/case-file-service';
import { AddLogEntrySchema, AttachmentUploadQuerySchema } from '../../domain/contract/case-file';
import { PetitionIdParamsSchema } from '../../domain/contract/petitions';
import { currentUser } from '../authentication';
import { multipartFile } from '../multipart-upload';
import { parseInput } from '../validation';

/** The work log and the attachments of a case (S17): thin adapters over the case file service. */
export function caseFileRoutes(caseFile: CaseFileService, maxAttachmentBytes: number): Router {
  const router = Router();

  router.get('/:id/log', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    res.json(await caseFile.log(currentUser(req), id));
  });

  router.post('/:id/log', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    const body = parseInput(AddLogEntrySchema, req.body, 'body');
    res.status(201).json(await caseFile.addLogEntry(currentUser(req), id, body));
  });

  router.get('/:id/attachments', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    res.json(await caseFile.attachments(currentUser(req), id));
  });

  router.post('/:id/attachments', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    const where = parseInput(AttachmentUploadQuerySchema, req.query, 'query');
    await caseFile.checkUpload(currentUser(req), id, where).catch((err: unknown) => {
      req.resume(); // the answer goes out over a body nobody reads
      throw err;
    });
    const file = await multipartFile(req, maxAttachmentBytes).catch(async (err: unknown) => {
      req.resume();
      throw err;
    });
    try {
      const saved = await caseFile.upload(currentUser(req), id, { ...where, ...file });
      await file.drain();
      res.status(201).location(`/api/petitions/${id}/attachments/${saved.id}`).json(saved);
    } catch (err) {
      // Refused: read the rest of the body, so the client gets the answer instead of a reset connection.
      file.content.resume();
      await file.drain();
      throw err;
    }
  });

  router.get('/:id/attachments/:attachmentId', async (req, res) => {
    const { id } = parseInput(PetitionIdParamsSchema, req.params, 'path');
    const attachmentId = String(req.params.attachmentId);
    const { attachment, content } = await caseFile.download(currentUser(req), id, attachmentId);
    res.status(200).set({
      'Content-Type': attachment.mediaType,
      'Content-Length': String(attachment.sizeBytes),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      ETag: `"${attachment.sha256}"`,
      'Cache-Control': 'private, no-store',
    });
    // Once the bytes flow, a failure (the client left, the database went away) can only cut the answer short:
    // the connection closes before Content-Length is reached, so no client takes a partial file as whole.
    await pipeline(Readable.from(content), res).catch(() => res.destroy());
  });

  return router;
}
