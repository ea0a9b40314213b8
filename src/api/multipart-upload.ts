import type { Readable } from 'node:stream';
import type { Request } from 'express';
import busboy from 'busboy';
import { AppError } from '../domain/errors';
import { tooLarge } from '../domain/case-file/inspected-upload';

/** Room for the multipart framing around the file (boundaries, part headers). */
const FRAMING_BYTES = 64 * 1024;

export interface MultipartFile {
  fileName: string;
  content: Readable;
  /** Reads (and drops) whatever of the request is left, so the answer is not sent over an unread body. */
  drain(): Promise<void>;
}

/**
 * The part `file` of a multipart/form-data request, as a stream: the request is parsed as it arrives and
 * never held whole. busboy passes one byte more than the limit, so the inspection sees the file is too large.
 * A declared length beyond the limit is refused before a byte is read.
 */
export function multipartFile(req: Request, maxBytes: number): Promise<MultipartFile> {
  if (!req.is('multipart/form-data')) {
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the file as multipart/form-data in the part `file`',
    );
  }
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + FRAMING_BYTES) throw tooLarge(maxBytes);
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { files: 1, fileSize: maxBytes + 1, fields: 10, parts: 12 },
    });
  } catch {
    throw new AppError(400, 'malformed_multipart', 'The multipart body has no boundary');
  }
  // Not through the parser: a refused file's stream was destroyed mid-way, and busboy would wait for it.
  const drain = async () => {
    req.unpipe(parser);
    if (req.readableEnded || req.destroyed) return;
    await new Promise<void>((resolve) => {
      req.once('end', resolve);
      req.once('close', resolve);
      req.resume();
    });
  };
  return new Promise((resolve, reject) => {
    parser.on('file', (field, content, info) => {
      if (field !== 'file') {
        content.resume();
        return;
      }
      const fileName = cleanFileName(info.filename);
      if (!fileName) {
        content.resume();
        reject(new AppError(422, 'file_name_missing', 'The part `file` must carry a file name (filename=…)'));
        return;
      }
      resolve({ fileName, content, drain });
    });
    parser.on('error', (err: Error) =>
      reject(new AppError(400, 'malformed_multipart', `The multipart body cannot be read: ${err.message}`)),
    );
    parser.on('close', () =>
      reject(new AppError(422, 'file_missing', 'The multipart body has no part `file` with a file')),
    );
    req.pipe(parser);
  });
}

/** The name's last path segment, without control characters, at most 200 characters (it is shown and sent back). */
function cleanFileName(name: string | undefined): string | undefined {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean ? clean.slice(-200) : undefined;
}
