import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors';

/**
 * Refuses a POST whose body is not declared as JSON (415): the JSON parser leaves such a body unread, and a
 * command whose fields are all optional would then run as if it had been sent none (F11). A POST without a
 * body (no Content-Length, or 0) stays as it is: those commands take an empty body. POST is the only method
 * this API reads a body on; the others answer 405 or ignore it.
 */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  if (req.method === 'POST' && isUpload(req.path) && req.is('multipart/form-data')) return next();
  if (req.method === 'POST' && hasContent(req.headers) && !req.is('application/json')) {
    throw new AppError(
      415,
      'unsupported_media_type',
      'The body must be JSON: send it with Content-Type: application/json',
    );
  }
  next();
};

function hasContent(headers: { 'transfer-encoding'?: string; 'content-length'?: string }): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

/** The one operation that takes a file (multipart/form-data): an attachment to a case (issue 22). */
function isUpload(path: string): boolean {
  return /^\/petitions\/[^/]+\/attachments\/?$/.test(path);
}
