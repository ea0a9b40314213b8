import type { Pool } from 'pg';
import { insertAuditEntries, listAudit, regionsUnder, type AuditEntry } from '../db/organisation-audit';
import type { User } from '../db/organisation';
import { readOrganisation } from '../db/organisation-store';
import { requireRole } from './access';
import type { AdminListQuery, AuditQuery } from './contract/admin';
import { AppError, notFound } from './errors';
import { applyOrganisationChange, type OrganisationChange } from './organisation/change';
import { fileOfRows } from './organisation/export';
import type { OrganisationFile, UnitEntry, UserEntry } from './organisation/file-format';
import type { OrganisationPlan, TableChanges } from './organisation/plan';
import type { FileIssue } from './organisation/validate';
import type { RequestContext } from './request-context';

type Entity = 'unit' | 'user';

/**
 * The admin API: an admin lists and changes the units of their own region and the regions below, and the
 * users of those units. What lies outside is not found (404), as a case one may not see; placing a unit or
 * user outside is refused (403). Each change is checked as a file import is (applyOrganisationChange) and
 * audited on its own transaction: who, when, which request, before and after.
 */
export class OrganisationAdminService {
  constructor(private readonly pool: Pool) {}

  async listUnits(admin: User, query: AdminListQuery): Promise<{ items: UnitEntry[] }> {
    const { file, regions } = await this.scoped(admin);
    const items = file.units.filter((u) => regions.has(u.region) && matches(u, query));
    return { items };
  }

  async listUsers(admin: User, query: AdminListQuery): Promise<{ items: UserEntry[] }> {
    const { file, regions } = await this.scoped(admin);
    const units = new Set(file.units.filter((u) => regions.has(u.region)).map((u) => u.id));
    return { items: file.users.filter((u) => units.has(u.unit) && matches(u, query)) };
  }

  async unit(admin: User, id: string): Promise<UnitEntry> {
    const { file, regions } = await this.scoped(admin);
    return visibleUnit(file, regions, id);
  }

  async user(admin: User, login: string): Promise<UserEntry> {
    const { file, regions } = await this.scoped(admin);
    return visibleUser(file, regions, login);
  }

  async createUnit(admin: User, unit: UnitEntry, context: RequestContext): Promise<UnitEntry> {
    const { file, regions } = await this.scoped(admin);
    // An id taken outside the caller's region is taken all the same: ids are unique in the organisation.
    if (file.units.some((u) => u.id === unit.id)) throw taken('unit', 'id', unit.id);
    placeWithin(regions, unit.region, 'region');
    await this.apply(admin, file, { type: 'put-unit', unit }, context);
    return this.unit(admin, unit.id);
  }

  async updateUnit(admin: User, unit: UnitEntry, context: RequestContext): Promise<UnitEntry> {
    const { file, regions } = await this.scoped(admin);
    visibleUnit(file, regions, unit.id);
    placeWithin(regions, unit.region, 'region');
    await this.apply(admin, file, { type: 'put-unit', unit }, context);
    return this.unit(admin, unit.id);
  }

  async deactivateUnit(admin: User, id: string, context: RequestContext): Promise<UnitEntry> {
    const { file, regions } = await this.scoped(admin);
    visibleUnit(file, regions, id);
    await this.apply(admin, file, { type: 'deactivate-unit', id }, context);
    return this.unit(admin, id);
  }

  async createUser(admin: User, user: UserEntry, context: RequestContext): Promise<UserEntry> {
    const { file, regions } = await this.scoped(admin);
    if (file.users.some((u) => u.login === user.login)) throw taken('user', 'login', user.login);
    placeUserWithin(file, regions, user.unit);
    await this.apply(admin, file, { type: 'put-user', user }, context);
    return this.user(admin, user.login);
  }

  async updateUser(admin: User, user: UserEntry, context: RequestContext): Promise<UserEntry> {
    const { file, regions } = await this.scoped(admin);
    visibleUser(file, regions, user.login);
    placeUserWithin(file, regions, user.unit);
    await this.apply(admin, file, { type: 'put-user', user }, context);
    return this.user(admin, user.login);
  }

  async deactivateUser(admin: User, login: string, context: RequestContext): Promise<UserEntry> {
    const { file, regions } = await this.scoped(admin);
    visibleUser(file, regions, login);
    await this.apply(admin, file, { type: 'deactivate-user', login }, context);
    return this.user(admin, login);
  }

  /** The audit of the units of the admin's region and of their users, newest first. */
  async audit(admin: User, query: AuditQuery) {
    requireRole(admin, ['admin'], 'read the audit of units and users');
    const regionId = admin.unit.regionId;
    const regions = regionId ? [...(await regionsUnder(this.pool, regionId))] : [];
    const items = await listAudit(this.pool, { ...query, regions, limit: query.pageSize });
    const last = items.length === query.pageSize ? items[items.length - 1] : undefined;
    return { items: items.map((i) => ({ ...i, at: i.at.toISOString() })), next: last?.id ?? null };
  }

  /** The organisation as a file, and the regions the admin oversees: theirs and every one below. */
  private async scoped(admin: User): Promise<{ file: OrganisationFile; regions: Set<string> }> {
    requireRole(admin, ['admin'], 'administer units and users');
    const regionId = admin.unit.regionId;
    const regions = regionId ? await regionsUnder(this.pool, regionId) : new Set<string>();
    return { file: fileOfRows(await readOrganisation(this.pool)), regions };
  }

  private async apply(
    admin: User,
    file: OrganisationFile,
    change: OrganisationChange,
    context: RequestContext,
  ): Promise<void> {
    const result = await applyOrganisationChange(this.pool, change, (client, plan) =>
      insertAuditEntries(client, auditEntries(plan, admin.login, context.requestId)),
    );
    if (result.ok) return;
    if (result.notFound) throw notFound(change.type.endsWith('unit') ? 'Unit' : 'User');
    throw invalid(result.issues, ownPlace(file, change));
  }
}

function matches(entry: { active?: boolean }, query: AdminListQuery): boolean {
  return query.active === undefined || (entry.active ?? true) === query.active;
}

function visibleUnit(file: OrganisationFile, regions: Set<string>, id: string): UnitEntry {
  const unit = file.units.find((u) => u.id === id);
  if (!unit || !regions.has(unit.region)) throw notFound(`Unit ${id}`);
  return unit;
}

function visibleUser(file: OrganisationFile, regions: Set<string>, login: string): UserEntry {
  const user = file.users.find((u) => u.login === login);
  const unit = user && file.units.find((u) => u.id === user.unit);
  if (!user || !unit || !regions.has(unit.region)) throw notFound(`User ${login}`);
  return user;
}

function placeWithin(regions: Set<string>, regionId: string, field: string): void {
  if (!regions.has(regionId)) {
    throw new AppError(403, 'outside_region', `${field}: ${regionId} is outside the region you administer`, {
      fields: [{ path: field, message: 'outside the region you administer' }],
    });
  }
}

function placeUserWithin(file: OrganisationFile, regions: Set<string>, unitId: string): void {
  const unit = file.units.find((u) => u.id === unitId);
  // An unknown unit is the import's check to name (422); one outside the caller's region is refused here.
  if (unit) placeWithin(regions, unit.region, 'unit');
}

function taken(entity: Entity, field: string, id: string): AppError {
  return new AppError(409, 'already_exists', `A ${entity} with the ${field} ${id} exists already`, {
    fields: [{ path: field, message: 'exists already' }],
  });
}

/** Where the entry a change writes stands in the organisation file (`units.12`): the place its issues name. */
function ownPlace(file: OrganisationFile, change: OrganisationChange): string | undefined {
  if (change.type === 'put-unit') {
    const at = file.units.findIndex((u) => u.id === change.unit.id);
    return `units.${at >= 0 ? at : file.units.length}`;
  }
  if (change.type === 'put-user') {
    const at = file.users.findIndex((u) => u.login === change.user.login);
    return `users.${at >= 0 ? at : file.users.length}`;
  }
  return undefined;
}

/**
 * The import's issues as the fields of the request: an issue about the entry sent names its field (`parent`);
 * one about another entry (a unit's users, say) names its place in the organisation (`users.3.unit`).
 */
function invalid(issues: FileIssue[], own: string | undefined): AppError {
  const fields = issues.map((issue) => {
    const place = issue.path.slice(0, 2).join('.');
    const path = place === own ? issue.path.slice(2) : issue.path;
    return { path: path.join('.') || 'body', message: issue.message };
  });
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  return new AppError(422, 'validation_failed', `Invalid body: ${summary}`, { fields });
}

/** One audit row per unit and user the change wrote: before (null for a new one) and after. */
function auditEntries(plan: OrganisationPlan, login: string, requestId: string): AuditEntry[] {
  const of = <T extends { active: boolean }>(
    entity: Entity,
    table: TableChanges<T>,
    key: (row: T) => string,
  ): AuditEntry[] => [
    ...table.added.map((row) => entry(entity, key(row), 'create', null, row)),
    ...table.changed.map((change) => {
      const before = { ...change.row, ...Object.fromEntries(change.fields.map((f) => [f.field, f.before])) };
      const action = before.active && !change.row.active ? 'deactivate' : 'update';
      return entry(entity, change.id, action, before, change.row);
    }),
  ];
  const entry = (
    entity: Entity,
    entityId: string,
    action: AuditEntry['action'],
    before: unknown,
    after: unknown,
  ): AuditEntry => ({ login, requestId, entity, entityId, action, before, after });
  return [...of('unit', plan.units, (u) => u.id), ...of('user', plan.users, (u) => u.login)];
}
