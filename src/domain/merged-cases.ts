import type { Pool } from 'pg';
import { findDocuments, findPetition } from '../db/petitions';
import type { MergedCaseView } from './petition-views';

/**
 * The cases merged into a case (并案), each with its documents: whoever sees the surviving case reads them
 * there, since the merge made them part of its matter (both cases are the same bureau's).
 */
export async function mergedCasesOf(pool: Pool, ids: string[]): Promise<MergedCaseView[]> {
  return Promise.all(
    ids.map(async (mergedId) => {
      const [row, documents] = await Promise.all([
        findPetition(pool, mergedId),
        findDocuments(pool, mergedId),
      ]);
      const merge = row?.caseState?.merge;
      return {
        id: mergedId,
        subject: row?.subject ?? '',
        receivedOn: row?.receivedOn ?? '',
        mergedOn: merge?.mergedOn ?? null,
        mergedBy: merge?.mergedBy ?? null,
        documents,
      };
    }),
  );
}
