import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { deleteDocument, insertDocument } from '../db/petitions';

/**
 * The free-text documents a request writes before it asks the workflow (reasons, notices, opinions). Their
 * ids derive from the request id, so a retried request writes none twice; a refused request removes them.
 */
export class RequestDocuments {
  private readonly written: string[] = [];

  constructor(
    private readonly pool: Pool,
    private readonly petitionId: string,
    private readonly author: string,
    private readonly requestId: string,
  ) {}

  async write(kind: string, body: string): Promise<string> {
    const id = `doc-${createHash('sha256').update(`${this.requestId}\n${kind}`).digest('hex').slice(0, 24)}`;
    await insertDocument(this.pool, { id, petitionId: this.petitionId, kind, body, createdBy: this.author });
    this.written.push(id);
    return id;
  }

  async writeOptional(kind: string, body: string | undefined): Promise<string | undefined> {
    return body === undefined ? undefined : this.write(kind, body);
  }

  async discard(): Promise<void> {
    for (const id of this.written) await deleteDocument(this.pool, id);
  }
}
