import type { Pool } from 'pg';

export interface RemovedDocument {
  id: string;
  petitionId: string;
  kind: string;
}

export interface DocumentSweep {
  removed: RemovedDocument[];
  /** Found referenced: marked, and never checked again. */
  referenced: number;
}

/**
 * Where a document's id can appear. A document belongs to one case and only that case's events name it, so
 * each place is searched by the case's key (an index) for the id as a JSON string, whatever the field is
 * called (`opinionDocumentId`, `reasonDocumentId`, … and any field added later):
 * - petition_events.data: the audit trail, which every read model is folded from;
 * - petition_events_superseded.data: events a redo replaced, still part of the audit trail;
 * - petitions.case_state: the fold the case detail reads its documents through.
 * Notifications, reports and idempotency answers carry text or figures, never a document id.
 */
const REFERENCED = `
  EXISTS (SELECT 1 FROM petition_events e
           WHERE e.petition_id = d.petition_id AND strpos(e.data::text, to_jsonb(d.id)::text) > 0)
  OR EXISTS (SELECT 1 FROM petition_events_superseded s
              WHERE s.petition_id = d.petition_id AND strpos(s.data::text, to_jsonb(d.id)::text) > 0)
  OR EXISTS (SELECT 1 FROM petitions p
              WHERE p.id = d.petition_id AND strpos(coalesce(p.case_state::text, ''), to_jsonb(d.id)::text) > 0)`;

/**
 * One batch of the documents written before `createdBefore` and not yet seen referenced: the unreferenced
 * ones are deleted, the referenced ones marked. Rows another sweep holds are skipped.
 */
export async function sweepDocuments(pool: Pool, createdBefore: Date, limit: number): Promise<DocumentSweep> {
  const { rows } = await pool.query<{
    outcome: 'removed' | 'referenced';
    id: string;
    petition_id: string;
    kind: string;
  }>(
    `WITH candidates AS (
       SELECT d.id, (${REFERENCED}) AS referenced
         FROM petition_documents d
        WHERE d.reference_seen_at IS NULL AND d.created_at < $1
        ORDER BY d.created_at
        LIMIT $2
          FOR UPDATE OF d SKIP LOCKED
     ), marked AS (
       UPDATE petition_documents d SET reference_seen_at = now()
         FROM candidates c WHERE d.id = c.id AND c.referenced
       RETURNING d.id, d.petition_id, d.kind
     ), removed AS (
       DELETE FROM petition_documents d USING candidates c
        WHERE d.id = c.id AND NOT c.referenced
       RETURNING d.id, d.petition_id, d.kind
     )
     SELECT 'removed' AS outcome, * FROM removed
     UNION ALL
     SELECT 'referenced' AS outcome, * FROM marked`,
    [createdBefore, limit],
  );
  return {
    removed: rows
      .filter((row) => row.outcome === 'removed')
      .map((row) => ({ id: row.id, petitionId: row.petition_id, kind: row.kind })),
    referenced: rows.filter((row) => row.outcome === 'referenced').length,
  };
}
