import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { ACCEPTED_KINDS, detectMediaType, SNIFF_BYTES } from './content-types';

/**
 * Passes an upload's bytes through while it checks them: the type by the first bytes, the size against the
 * limit, and the SHA-256. It throws as soon as a check fails, so the storage's transaction rolls back and
 * nothing is kept; `result()` gives the figures once the stream has ended.
 */
export class InspectedUpload {
  private readonly hash = createHash('sha256');
  private size = 0;
  private mediaType: string | undefined;

  constructor(
    private readonly fileName: string,
    private readonly maxBytes: number,
  ) {}

  async *pass(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
    let head = Buffer.alloc(0);
    for await (const piece of source) {
      this.size += piece.length;
      if (this.size > this.maxBytes) throw tooLarge(this.maxBytes);
      this.hash.update(piece);
      if (this.mediaType === undefined) {
        // Held back until the type is known: nothing of a refused file reaches the storage.
        head = Buffer.concat([head, piece]);
        if (head.length < SNIFF_BYTES) continue;
        this.mediaType = this.typeOf(head);
        yield head;
        continue;
      }
      yield piece;
    }
    if (this.size === 0) throw new AppError(422, 'empty_file', 'The file is empty');
    if (this.mediaType === undefined) {
      this.mediaType = this.typeOf(head);
      yield head;
    }
  }

  result(): { sizeBytes: number; sha256: string; mediaType: string } {
    if (this.mediaType === undefined) throw new Error('the upload has not been read to its end');
    return { sizeBytes: this.size, sha256: this.hash.digest('hex'), mediaType: this.mediaType };
  }

  private typeOf(head: Buffer): string {
    const type = detectMediaType(head, this.fileName);
    if (!type) {
      throw new AppError(
        415,
        'unsupported_file_type',
        `The file's content is not of a kind the case file takes: ${ACCEPTED_KINDS}`,
      );
    }
    return type;
  }
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError(413, 'file_too_large', `The file is larger than the limit of ${maxBytes} bytes`, {
    maxBytes,
  });
}
