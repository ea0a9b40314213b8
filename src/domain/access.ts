import type { Pool } from 'pg';
import { type User, withinJurisdiction } from '../db/organisation';
import { findPetition, type PetitionRow } from '../db/petitions';
import type { Role } from '../case/vocabulary';
import { forbidden, notFound } from './errors';

/** Roles that oversee the cases of their region and the regions below it, not only their own unit's. */
const OVERSIGHT_ROLES: Role[] = ['admin', 'jco'];

/** The region whose cases (and those of the regions below) the user oversees, if any. */
export function overseenRegion(user: User): string | undefined {
  return user.roles.some((r) => OVERSIGHT_ROLES.includes(r)) ? (user.unit.regionId ?? undefined) : undefined;
}

export function requireRole(user: User, roles: readonly Role[], what: string): void {
  if (!user.roles.some((r) => roles.includes(r))) {
    throw forbidden(`Only a user with the role ${roles.join(' or ')} can ${what}`);
  }
}

/**
 * A case the user may not see is reported as missing, so its existence does not leak. The parties see it:
 * the registering bureau, the handling unit, and the review and re-examination bodies once they act; and
 * oversight of the registering bureau's region or a region above it.
 */
export async function visiblePetition(pool: Pool, user: User, id: string): Promise<PetitionRow> {
  const row = await findPetition(pool, id);
  if (!row) throw notFound(`Petition ${id}`);
  const parties = [row.bureauUnitId, row.handlingUnitId, row.reviewUnitId, row.reexaminationUnitId];
  if (parties.includes(user.unitId)) return row;
  // Oversight (the joint-conference office, admins) reaches its own level and below, not other regions.
  if (overseenRegion(user) && (await withinJurisdiction(pool, user.unit, row.bureauUnitId))) return row;
  throw notFound(`Petition ${id}`);
}
