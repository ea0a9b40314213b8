import type { Pool } from 'pg';
import { inTransaction } from '../transaction';

/** What the case file knows of an attachment; its bytes are the storage's. */
export interface AttachmentRow {
  id: string;
  petitionId: string;
  logEntryId: string | null;
  documentId: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  unitId: string;
  createdAt: string;
}

export type NewAttachment = Omit<AttachmentRow, 'id' | 'createdAt'>;

/**
 * Where attachments live: PostgreSQL today, an object store later without touching the domain. `save` reads
 * `content` to its end and only then asks `describe` for the row (size, type and checksum are known by then);
 * if reading or describing throws, nothing is kept.
 */
export interface AttachmentStorage {
  save(id: string, content: AsyncIterable<Buffer>, describe: () => NewAttachment): Promise<AttachmentRow>;
  find(petitionId: string, id: string): Promise<AttachmentRow | undefined>;
  list(petitionId: string): Promise<AttachmentRow[]>;
  /** The bytes, a chunk at a time. */
  open(id: string): AsyncIterable<Buffer>;
}

/** Rows of at most this many bytes: small enough to stream, large enough to keep the row count low. */
export const CHUNK_BYTES = 256 * 1024;

const COLUMNS = `id, petition_id AS "petitionId", log_entry_id AS "logEntryId", document_id AS "documentId",
  file_name AS "fileName", media_type AS "mediaType", size_bytes::float8 AS "sizeBytes", sha256,
  uploaded_by AS "uploadedBy", unit_id AS "unitId",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

export class PostgresAttachmentStorage implements AttachmentStorage {
  constructor(private readonly pool: Pool) {}

  async save(
    id: string,
    content: AsyncIterable<Buffer>,
    describe: () => NewAttachment,
  ): Promise<AttachmentRow> {
    const client = await this.pool.connect();
    try {
      return await inTransaction(client, async () => {
        // The chunks come before their row (written once the bytes are known): the key is checked at commit.
        let seq = 0;
        for await (const chunk of rechunk(content, CHUNK_BYTES)) {
          await client.query(
            'INSERT INTO case_attachment_chunks (attachment_id, seq, data) VALUES ($1, $2, $3)',
            [id, seq++, chunk],
          );
        }
        const row = describe();
        const { rows } = await client.query<AttachmentRow>(
          `INSERT INTO case_attachments (id, petition_id, log_entry_id, document_id, file_name, media_type,
                                         size_bytes, sha256, uploaded_by, unit_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
          [
            id,
            row.petitionId,
            row.logEntryId,
            row.documentId,
            row.fileName,
            row.mediaType,
            row.sizeBytes,
            row.sha256,
            row.uploadedBy,
            row.unitId,
          ],
        );
        return rows[0]!;
      });
    } finally {
      client.release();
    }
  }

  async find(petitionId: string, id: string): Promise<AttachmentRow | undefined> {
    const { rows } = await this.pool.query<AttachmentRow>(
      `SELECT ${COLUMNS} FROM case_attachments WHERE petition_id = $1 AND id = $2`,
      [petitionId, id],
    );
    return rows[0];
  }

  async list(petitionId: string): Promise<AttachmentRow[]> {
    const { rows } = await this.pool.query<AttachmentRow>(
      `SELECT ${COLUMNS} FROM case_attachments WHERE petition_id = $1 ORDER BY created_at, id`,
      [petitionId],
    );
    return rows;
  }

  async *open(id: string): AsyncIterable<Buffer> {
    // One chunk per query: the download holds one chunk in memory, whatever the file's size.
    for (let seq = 0; ; seq++) {
      const { rows } = await this.pool.query<{ data: Buffer }>(
        'SELECT data FROM case_attachment_chunks WHERE attachment_id = $1 AND seq = $2',
        [id, seq],
      );
      if (rows.length === 0) return;
      yield rows[0]!.data;
    }
  }
}

/** Regroups a stream's pieces (whatever their size) into chunks of `size` bytes, the last one shorter. */
export async function* rechunk(source: AsyncIterable<Buffer>, size: number): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    pending.push(piece);
    pendingBytes += piece.length;
    while (pendingBytes >= size) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, size);
      pending = [all.subarray(size)];
      pendingBytes = all.length - size;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}
