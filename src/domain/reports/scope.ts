import type { Pool } from 'pg';
import { findUnit, type Unit, unitsCoveredBy, type User } from '../../db/organisation';
import { forbidden, notFound } from '../errors';

/** Whose cases a report counts: a unit and everything under it in the organisation. */
export interface Scope {
  unit: Pick<Unit, 'id' | 'name' | 'level' | 'kind'>;
  unitIds: string[];
}

/**
 * The caller's own scope, or the scope of `unitId` when it lies inside it (a county bureau sees the county,
 * a city bureau the city and its counties, a department itself and the departments below it). A unit
 * outside the caller's scope is refused (403): the caller may know it exists, but not count its cases.
 */
export async function resolveScope(pool: Pool, user: User, unitId?: string): Promise<Scope> {
  const own = await scopeOf(pool, user.unit);
  if (unitId === undefined || unitId === user.unitId) return own;
  const unit = await findUnit(pool, unitId);
  if (!unit) throw notFound(`Unit ${unitId}`);
  if (!own.unitIds.includes(unit.id)) {
    throw forbidden(`Unit ${unitId} is outside the reports of ${user.unit.name}`);
  }
  return scopeOf(pool, unit);
}

/** The scope of a unit as such, for operators at a terminal (the CLI), who are not a user of a unit. */
export async function scopeOfUnit(pool: Pool, unitId: string): Promise<Scope> {
  const unit = await findUnit(pool, unitId);
  if (!unit) throw notFound(`Unit ${unitId}`);
  return scopeOf(pool, unit);
}

async function scopeOf(pool: Pool, unit: Unit): Promise<Scope> {
  const { id, name, level, kind } = unit;
  return { unit: { id, name, level, kind }, unitIds: await unitsCoveredBy(pool, unit) };
}
