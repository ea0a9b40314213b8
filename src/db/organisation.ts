import type { Pool } from 'pg';
import type { Role } from '../domain/vocabulary';

export type UnitKind = 'petition-bureau' | 'joint-conference-office' | 'department' | 'government';
export type UnitLevel = 'county' | 'city' | 'province';

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  parentId: string | null;
}

export interface User {
  login: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  unit: Unit;
}

export async function findUnit(pool: Pool, id: string): Promise<Unit | undefined> {
  const { rows } = await pool.query(
    'SELECT id, name, kind, level, parent_id AS "parentId" FROM units WHERE id = $1',
    [id],
  );
  return rows[0] as Unit | undefined;
}

export async function findActiveUser(pool: Pool, login: string): Promise<User | undefined> {
  const { rows } = await pool.query(
    `SELECT u.login, u.display_name AS "displayName", u.unit_id AS "unitId", u.roles,
            json_build_object('id', n.id, 'name', n.name, 'kind', n.kind, 'level', n.level, 'parentId', n.parent_id) AS unit
       FROM users u JOIN units n ON n.id = u.unit_id
      WHERE u.login = $1 AND u.active`,
    [login],
  );
  return rows[0] as User | undefined;
}

export interface OrganisationSeed {
  units: Unit[];
  users: Array<{ login: string; displayName: string; unitId: string; roles: Role[] }>;
}

/** Inserts units and users that are not there yet; existing rows are left as they are. */
export async function seedOrganisation(pool: Pool, seed: OrganisationSeed): Promise<number> {
  let inserted = 0;
  for (const unit of seed.units) {
    const result = await pool.query(
      `INSERT INTO units (id, name, kind, level, parent_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [unit.id, unit.name, unit.kind, unit.level, unit.parentId],
    );
    inserted += result.rowCount ?? 0;
  }
  for (const user of seed.users) {
    const result = await pool.query(
      `INSERT INTO users (login, display_name, unit_id, roles) VALUES ($1, $2, $3, $4) ON CONFLICT (login) DO NOTHING`,
      [user.login, user.displayName, user.unitId, user.roles],
    );
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}
