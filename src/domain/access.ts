import type { Pool } from 'pg';
import type { User } from '../db/organisation';
import { findPetition, type PetitionRow } from '../db/petitions';
import type { Role } from '../workflows/case/vocabulary';
import { forbidden, notFound } from './errors';

/** Units whose staff see every case (oversight), not only their own unit's. */
const OVERSIGHT_ROLES: Role[] = ['admin', 'jco'];

export function seesEverything(user: User): boolean {
  return user.roles.some((r) => OVERSIGHT_ROLES.includes(r));
}

export function requireRole(user: User, roles: readonly Role[], what: string): void {
  if (!user.roles.some((r) => roles.includes(r))) {
    throw forbidden(`Only a user with the role ${roles.join(' or ')} can ${what}`);
  }
}

/**
 * A case the user may not see is reported as missing, so its existence does not leak. The parties see it:
 * the registering bureau, the handling unit, and the review and re-examination bodies once they act.
 */
export async function visiblePetition(pool: Pool, user: User, id: string): Promise<PetitionRow> {
  const row = await findPetition(pool, id);
  if (!row) throw notFound(`Petition ${id}`);
  const parties = [row.bureauUnitId, row.handlingUnitId, row.reviewUnitId, row.reexaminationUnitId];
  if (!seesEverything(user) && !parties.includes(user.unitId)) throw notFound(`Petition ${id}`);
  return row;
}
