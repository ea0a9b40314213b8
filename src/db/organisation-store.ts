import type { Pool, PoolClient } from 'pg';
import type { Role } from '../case/vocabulary';
import type { UnitKind, UnitLevel } from './organisation';

/**
 * The organisation's rows as they are stored, read whole and written in batches: `org import` compares the
 * file with them and writes only what differs, in one transaction. An admin API changing one unit or user
 * writes the same rows through the same functions.
 */
export interface RegionRow {
  id: string;
  name: string;
  level: UnitLevel;
  parentId: string | null;
  ruleSetId: string | null;
}

export interface UnitRow {
  id: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  regionId: string | null;
  parentId: string | null;
  reviewUnitId: string | null;
  active: boolean;
}

export interface UserRow {
  login: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  mobile: string | null;
  email: string | null;
  active: boolean;
}

export interface OrganisationRows {
  regions: RegionRow[];
  units: UnitRow[];
  users: UserRow[];
}

type Db = Pool | PoolClient;

export async function readOrganisation(db: Db): Promise<OrganisationRows> {
  // One after the other: on a transaction's connection, queries cannot overlap.
  const regions = await db.query<RegionRow>(
    `SELECT id, name, level, parent_id AS "parentId", rule_set_id AS "ruleSetId" FROM regions ORDER BY id`,
  );
  const units = await db.query<UnitRow>(
    `SELECT id, name, kind, level, region_id AS "regionId", parent_id AS "parentId",
            review_unit_id AS "reviewUnitId", active
       FROM units ORDER BY id`,
  );
  const users = await db.query<UserRow>(
    `SELECT login, display_name AS "displayName", unit_id AS "unitId", roles, mobile, email, active
       FROM users ORDER BY login`,
  );
  return { regions: regions.rows, units: units.rows, users: users.rows };
}

/**
 * Keeps concurrent imports (and admin changes) from interleaving: the second waits for the first to commit
 * and then compares the file with what the first wrote. Readers (sign-in, routing) are not blocked.
 */
export async function lockOrganisation(client: PoolClient): Promise<void> {
  await client.query('LOCK TABLE regions, units, users IN SHARE ROW EXCLUSIVE MODE');
}

/**
 * Writes regions, units and users (new or changed, whole rows) with one statement per table, however many:
 * foreign keys are checked at the end of each statement, so parents may come after their children.
 */
export async function writeOrganisationRows(client: PoolClient, rows: OrganisationRows): Promise<void> {
  if (rows.regions.length > 0) {
    await client.query(
      `INSERT INTO regions (id, name, level, parent_id, rule_set_id)
       SELECT id, name, level, "parentId", "ruleSetId"
         FROM json_to_recordset($1::json) AS r(id text, name text, level text, "parentId" text, "ruleSetId" text)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id,
                                      rule_set_id = EXCLUDED.rule_set_id`,
      [JSON.stringify(rows.regions)],
    );
  }
  if (rows.units.length > 0) {
    await client.query(
      `INSERT INTO units (id, name, kind, level, region_id, parent_id, review_unit_id, active)
       SELECT id, name, kind, level, "regionId", "parentId", "reviewUnitId", active
         FROM json_to_recordset($1::json) AS u(id text, name text, kind text, level text, "regionId" text,
                                               "parentId" text, "reviewUnitId" text, active boolean)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, level = EXCLUDED.level,
                                      region_id = EXCLUDED.region_id, parent_id = EXCLUDED.parent_id,
                                      review_unit_id = EXCLUDED.review_unit_id, active = EXCLUDED.active`,
      [JSON.stringify(rows.units)],
    );
  }
  if (rows.users.length > 0) {
    await client.query(
      `INSERT INTO users (login, display_name, unit_id, roles, mobile, email, active)
       SELECT login, "displayName", "unitId", roles, mobile, email, active
         FROM json_to_recordset($1::json) AS u(login text, "displayName" text, "unitId" text, roles text[],
                                               mobile text, email text, active boolean)
       ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name, unit_id = EXCLUDED.unit_id,
                                         roles = EXCLUDED.roles, mobile = EXCLUDED.mobile, email = EXCLUDED.email,
                                         active = EXCLUDED.active`,
      [JSON.stringify(rows.users)],
    );
  }
}

/**
 * The rule set a region's petitions follow: the one its province names (the nearest region above, itself
 * included, that names one). Undefined for a region outside any such province.
 */
export async function ruleSetOfRegion(db: Db, regionId: string | null): Promise<string | undefined> {
  if (!regionId) return undefined;
  const { rows } = await db.query<{ rule_set_id: string }>(
    `WITH RECURSIVE up AS (
        SELECT id, parent_id, rule_set_id, 0 AS depth FROM regions WHERE id = $1
        UNION ALL SELECT r.id, r.parent_id, r.rule_set_id, up.depth + 1 FROM regions r JOIN up ON r.id = up.parent_id
      )
      SELECT rule_set_id FROM up WHERE rule_set_id IS NOT NULL ORDER BY depth LIMIT 1`,
    [regionId],
  );
  return rows[0]?.rule_set_id;
}
