import type { Pool } from 'pg';
import { type User, withinJurisdiction } from '../db/organisation';
import { findPetition, type PetitionRow } from '../db/petitions';
import type { Role } from '../case/vocabulary';
import { forbidden, notFound } from './errors';

/** Roles that oversee the cases of their region and the regions below it, not only their own unit's. */
export const OVERSIGHT_ROLES: readonly Role[] = ['admin', 'jco'];

/**
 * The units taking part in a case, whose users all read it: the registering bureau, the handling unit, the
 * review and re-examination bodies, and a bureau that transferred it out of its area (转出), which keeps reading it.
 */
export function partiesOf(row: PetitionRow): string[] {
  return [
    row.bureauUnitId,
    row.handlingUnitId,
    row.reviewUnitId,
    row.reexaminationUnitId,
    ...(row.transferredFromUnitIds ?? []),
  ].filter((unit): unit is string => !!unit);
}

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
 * Who registers a petition (登记): a petition bureau's registrar (Art 22), or the desk (registrar or handler)
 * of any other unit with authority that received it directly from the petitioner (Art 23 ¶1) — a
 * department, a government. A joint-conference office coordinates (Art 24) and registers nothing: a
 * petition brought to it is registered by the bureau it sits in. Answers how the petition is registered.
 */
export function requireRegistrar(user: User): 'bureau' | 'received-directly' {
  if (user.unit.kind === 'joint-conference-office') {
    throw forbidden(
      'A joint-conference office does not register petitions: the petition bureau it sits in registers them',
    );
  }
  if (user.unit.kind === 'petition-bureau') {
    requireRole(user, ['registrar'], 'register petitions');
    return 'bureau';
  }
  requireRole(user, ['registrar', 'handler'], 'register a petition your unit received directly');
  return 'received-directly';
}

/**
 * A case the user may not see is reported as missing, so its existence does not leak. The parties see it:
 * the case's bureau, the handling unit, the review and re-examination bodies once they act, and a bureau that
 * transferred it out of its area (read only: the case refuses its commands); and oversight of the case's
 * bureau's region or a region above it.
 */
export async function visiblePetition(pool: Pool, user: User, id: string): Promise<PetitionRow> {
  const row = await findPetition(pool, id);
  if (!row) throw notFound(`Petition ${id}`);
  if (partiesOf(row).includes(user.unitId)) return row;
  // Oversight (the joint-conference office, admins) reaches its own level and below, not other regions.
  if (overseenRegion(user) && (await withinJurisdiction(pool, user.unit, row.bureauUnitId))) return row;
  throw notFound(`Petition ${id}`);
}
