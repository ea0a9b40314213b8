import type { Pool } from 'pg';
import type { User } from '../db/organisation';
import { findCasesMergedInto, findPetition, type PetitionRow } from '../db/petitions';
import { visiblePetition } from './access';
import { AppError } from './errors';

/**
 * What a merge (并案) needs of the other case, checked against the read model before the workflow is asked:
 * the case it repeats must be another case, one the caller may see (else: not found, as everywhere), registered
 * by the same bureau — "another unit's case" is one of another bureau, even if the caller reads it (a case
 * transferred out, 转出) — open, and not itself merged. A case others were merged into is not merged on: they
 * would hang from a closed case (undo those merges first, or merge them into the target).
 */
export async function mergeTarget(
  pool: Pool,
  user: User,
  row: PetitionRow,
  into: string,
): Promise<PetitionRow> {
  if (into === row.id) throw new AppError(422, 'merge_into_itself', `${row.id} cannot be merged into itself`);
  const target = await visiblePetition(pool, user, into);
  if (target.bureauUnitId !== row.bureauUnitId) {
    throw new AppError(
      409,
      'merge_across_units',
      `${into} is a case of another bureau (${target.bureauUnitId}): only cases the same bureau registered are merged`,
    );
  }
  if (target.closedReason === 'merged') {
    const intoNow = target.caseState?.merge?.intoCaseId;
    throw new AppError(
      409,
      'merge_target_merged',
      `${into} is itself merged${intoNow ? ` into ${intoNow}: merge into that case` : ''}`,
    );
  }
  if (target.status === 'closed') {
    throw new AppError(
      409,
      'merge_target_closed',
      `${into} is closed (${target.closedReason}): merge into an open case`,
    );
  }
  const mergedHere = await findCasesMergedInto(pool, row.id);
  if (mergedHere.length > 0) {
    throw new AppError(
      409,
      'merge_has_merged_cases',
      `${mergedHere.join(', ')} ${mergedHere.length === 1 ? 'is' : 'are'} merged into ${row.id}: undo ` +
        'those merges first',
    );
  }
  return target;
}

/** A merge is undone only while the surviving case is open: once it closed, the matter ended with it. */
export async function checkUnmergeable(pool: Pool, row: PetitionRow): Promise<void> {
  const into = row.caseState?.merge?.intoCaseId;
  if (!into) return; // not merged: the case core refuses it with its own reason
  const surviving = await findPetition(pool, into);
  if (surviving?.status === 'closed') {
    throw new AppError(
      409,
      'surviving_case_closed',
      `${into}, the case ${row.id} was merged into, is closed (${surviving.closedReason}): the merge stands`,
    );
  }
}
