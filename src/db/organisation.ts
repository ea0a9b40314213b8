import type { Pool, PoolClient } from 'pg';
import { prepared } from './prepared';
import type { Role } from '../case/vocabulary';

/** Levels of regions and units, highest first: the nation down to the township or street (乡镇 / 街道). */
export const LEVELS = ['national', 'province', 'city', 'county', 'township'] as const;
export type UnitLevel = (typeof LEVELS)[number];

/** Township governments (乡镇人民政府) and street offices (街道办事处) are the township level's units. */
export const UNIT_KINDS = [
  'petition-bureau',
  'joint-conference-office',
  'government',
  'department',
  'township-government',
  'street-office',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  /** The unit one level above: for a department, the review body (复查机关) of its cases. */
  parentId: string | null;
  regionId: string | null;
  /** The review body when it is not the parent: the government of the same level where the law allows it. */
  reviewUnitId: string | null;
  /** An inactive unit keeps its cases but takes no new ones; its users cannot sign in. */
  active: boolean;
}

export interface Region {
  id: string;
  name: string;
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

const unitById = prepared<[string]>(
  'unit-by-id',
  `SELECT id, name, kind, level, parent_id AS "parentId", region_id AS "regionId", review_unit_id AS "reviewUnitId",
          active
     FROM units WHERE id = $1`,
);

export async function findUnit(pool: Pool, id: string): Promise<Unit | undefined> {
  const { rows } = await pool.query(unitById(id));
  return rows[0] as Unit | undefined;
}

const activeUserByLogin = prepared<[string]>(
  'active-user-by-login',
  `SELECT u.login, u.display_name AS "displayName", u.unit_id AS "unitId", u.roles,
          json_build_object('id', n.id, 'name', n.name, 'kind', n.kind, 'level', n.level, 'parentId', n.parent_id,
                            'regionId', n.region_id, 'reviewUnitId', n.review_unit_id, 'active', n.active) AS unit
     FROM users u JOIN units n ON n.id = u.unit_id
    WHERE u.login = $1 AND u.active AND n.active`,
);

export async function findActiveUser(pool: Pool, login: string): Promise<User | undefined> {
  const { rows } = await pool.query(activeUserByLogin(login));
  return rows[0] as User | undefined;
}

/** A member of staff as a list shows them. */
export interface StaffChoice {
  login: string;
  displayName: string;
  unitName: string;
}

/** The display names and units of these logins (former staff too: they still appear in old cases). */
export async function findStaffNames(pool: Pool, logins: string[]): Promise<StaffChoice[]> {
  const { rows } = await pool.query<StaffChoice>(
    `SELECT u.login, u.display_name AS "displayName", n.name AS "unitName"
       FROM users u JOIN units n ON n.id = u.unit_id
      WHERE u.login = ANY($1::text[])
      ORDER BY u.login`,
    [logins],
  );
  return rows;
}

/** The active users of an active unit, by name. */
export async function listUnitStaff(pool: Pool, unitId: string): Promise<StaffChoice[]> {
  const { rows } = await pool.query<StaffChoice>(
    `SELECT u.login, u.display_name AS "displayName", n.name AS "unitName"
       FROM users u JOIN units n ON n.id = u.unit_id
      WHERE u.unit_id = $1 AND u.active AND n.active
      ORDER BY u.display_name, u.login`,
    [unitId],
  );
  return rows;
}

/**
 * The active users who may open a case (the rule of `visiblePetition`): those of its parties' units, and
 * those with an oversight role whose region is the registering bureau's or one above it.
 */
export async function listCaseReaders(
  pool: Pool,
  case_: { parties: string[]; bureauUnitId: string; oversightRoles: readonly string[] },
): Promise<StaffChoice[]> {
  const { rows } = await pool.query<StaffChoice>(
    `WITH RECURSIVE up AS (
        SELECT r.id, r.parent_id FROM regions r JOIN units b ON b.region_id = r.id WHERE b.id = $2
        UNION ALL SELECT r.id, r.parent_id FROM regions r JOIN up ON r.id = up.parent_id
      )
     SELECT u.login, u.display_name AS "displayName", n.name AS "unitName"
       FROM users u JOIN units n ON n.id = u.unit_id
      WHERE u.active AND n.active
        AND (u.unit_id = ANY($1::text[]) OR (u.roles && $3::text[] AND n.region_id IN (SELECT id FROM up)))
      ORDER BY n.name, u.display_name, u.login`,
    [case_.parties, case_.bureauUnitId, case_.oversightRoles],
  );
  return rows;
}

export async function findActiveUserOfUnit(pool: Pool, login: string, unitId: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM users WHERE login = $1 AND unit_id = $2 AND active', [
    login,
    unitId,
  ]);
  return (rowCount ?? 0) > 0;
}

/**
 * Whether a unit lies within a bureau's jurisdiction: its region is the bureau's region or one below it.
 */
export async function withinJurisdiction(pool: Pool, bureau: Unit, unitId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `SELECT 1 FROM units WHERE id = $2 AND region_id IN (${regionSubtree('$1')})`,
    [bureau.regionId, unitId],
  );
  return (rowCount ?? 0) > 0;
}

/** SQL selecting the ids of a region (given as a parameter reference such as `$1`) and every region below it. */
export function regionSubtree(regionParam: string): string {
  return `WITH RECURSIVE covered AS (
      SELECT id FROM regions WHERE id = ${regionParam}
      UNION ALL SELECT r.id FROM regions r JOIN covered c ON r.parent_id = c.id
    ) SELECT id FROM covered`;
}

/**
 * The joint-conference office (联席办) over a bureau: the office of its region, or else of the nearest region
 * above it that has one. Inside a transaction, pass its connection: a second one from the pool could wait
 * for a pool that the transactions themselves have exhausted.
 */
export async function findOfficeOver(
  db: Pool | PoolClient,
  regionId: string | null,
): Promise<string | undefined> {
  if (!regionId) return undefined;
  const { rows } = await db.query<{ id: string }>(
    `WITH RECURSIVE up AS (
        SELECT id, parent_id, 0 AS depth FROM regions WHERE id = $1
        UNION ALL SELECT r.id, r.parent_id, up.depth + 1 FROM regions r JOIN up ON r.id = up.parent_id
      )
      SELECT u.id FROM units u JOIN up ON u.region_id = up.id
       WHERE u.kind = 'joint-conference-office' ORDER BY up.depth, u.id LIMIT 1`,
    [regionId],
  );
  return rows[0]?.id;
}

/**
 * The petition bureau of an area: the bureau of the region, or else of the nearest region above it that has
 * one (a township's is its county's). Inside a transaction, pass its connection (see `findOfficeOver`).
 */
export async function findBureauOver(
  db: Pool | PoolClient,
  regionId: string | null,
): Promise<Unit | undefined> {
  if (!regionId) return undefined;
  const { rows } = await db.query<Unit>(
    `WITH RECURSIVE up AS (
        SELECT id, parent_id, 0 AS depth FROM regions WHERE id = $1
        UNION ALL SELECT r.id, r.parent_id, up.depth + 1 FROM regions r JOIN up ON r.id = up.parent_id
      )
      SELECT u.id, u.name, u.kind, u.level, u.parent_id AS "parentId", u.region_id AS "regionId"
        FROM units u JOIN up ON u.region_id = up.id
       WHERE u.kind = 'petition-bureau' ORDER BY up.depth, u.id LIMIT 1`,
    [regionId],
  );
  return rows[0];
}

/**
 * The units whose cases a unit's reports cover: for a petition bureau, an office or a government, every unit
 * of its region and the regions below; for a department, itself and the departments under it.
 */
export async function unitsCoveredBy(pool: Pool, unit: Unit): Promise<string[]> {
  const sql =
    unit.kind === 'department' || !unit.regionId
      ? `WITH RECURSIVE below AS (
           SELECT id FROM units WHERE id = $1
           UNION ALL SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id
         ) SELECT id FROM below`
      : `SELECT id FROM units WHERE region_id IN (${regionSubtree('$1')})`;
  const { rows } = await pool.query<{ id: string }>(sql, [
    unit.kind === 'department' ? unit.id : unit.regionId,
  ]);
  return rows.map((r) => r.id);
}

/**
 * What a form names a unit for, each with the units the command takes there (the checks in
 * src/domain/case-commands.ts): `routing` the active departments within the caller's region and the regions
 * below (转送/交办, rerouting after an objection); `jurisdiction` any active unit there (a supervision
 * instruction); `transfer-out` the petition bureaus outside it (转出); `verification` the departments and
 * governments (核查).
 */
export const UNIT_PURPOSES = ['routing', 'jurisdiction', 'transfer-out', 'verification'] as const;
export type UnitPurpose = (typeof UNIT_PURPOSES)[number];

const WITHIN = `n.region_id IN (${regionSubtree('$1')})`;
/** The condition of each purpose, and whether it names the caller's region ($1). */
const PURPOSE_CONDITIONS: Record<UnitPurpose | 'any', [condition: string, byRegion: boolean]> = {
  any: ['true', false],
  routing: [`n.kind = 'department' AND ${WITHIN}`, true],
  jurisdiction: [WITHIN, true],
  'transfer-out': [`n.kind = 'petition-bureau' AND NOT coalesce(${WITHIN}, false)`, true],
  verification: [`n.kind IN ('department', 'government')`, false],
};
const unitChoices = Object.fromEntries(
  Object.entries(PURPOSE_CONDITIONS).map(([purpose, [condition, byRegion]]) => {
    const statement = prepared<unknown[]>(
      `unit-choices-${purpose}`,
      `SELECT n.id, n.name, n.kind, n.level, n.region_id AS "regionId"
         FROM units n
        WHERE n.active AND ${condition}
        ORDER BY array_position(ARRAY['national', 'province', 'city', 'county', 'township'], n.level), n.region_id, n.kind, n.name`,
    );
    return [purpose, (regionId: string | null) => (byRegion ? statement(regionId) : statement())];
  }),
);

/** The active units, highest level first, that a form offers where a unit is named for `purpose` (any). */
export async function listActiveUnits(
  pool: Pool,
  callerRegionId: string | null,
  purpose?: UnitPurpose,
): Promise<Array<{ id: string; name: string; kind: string; level: string; regionId: string | null }>> {
  return (await pool.query(unitChoices[purpose ?? 'any']!(callerRegionId))).rows;
}
