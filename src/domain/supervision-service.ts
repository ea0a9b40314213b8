import type { Pool } from 'pg';
import type { User } from '../db/organisation';
import { listSupervisionItems } from '../db/supervision-items';
import { overseenRegion, requireRole } from './access';
import type { CommandBody, StaffCommandType } from './contract/commands';
import type { SupervisionQuery } from './contract/supervision';
import { AppError, notFound } from './errors';
import type { PetitionService } from './petition-service';
import type { RequestContext } from './request-context';

/** `XF-2026-000001.handle-1` → the case and its item. */
export function parseItemId(itemId: string): { petitionId: string; localId: string } {
  const dot = itemId.indexOf('.');
  return { petitionId: itemId.slice(0, dot), localId: itemId.slice(dot + 1) };
}

/**
 * The supervision ladder's work queue (督办 → 联席办 → 挂牌督办): the petition bureau and the joint-conference
 * office see the items of the cases they oversee, a unit only those addressed to it. Acts on an item are the
 * case's commands, decided by its workflow like any other.
 */
export class SupervisionService {
  constructor(
    private readonly pool: Pool,
    private readonly petitions: PetitionService,
  ) {}

  async list(user: User, query: SupervisionQuery) {
    const items = await listSupervisionItems(this.pool, {
      level: query.level,
      unitId: query.unit,
      status: query.status,
      overdue: query.overdue,
      source: query.source,
      visibleTo: {
        unitId: user.unitId,
        regionId: overseenRegion(user),
        bureau: user.unit.kind === 'petition-bureau',
      },
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items, page: query.page, pageSize: query.pageSize };
  }

  async act<T extends StaffCommandType>(
    user: User,
    itemId: string,
    type: T,
    body: CommandBody<T>,
    request: RequestContext,
  ) {
    requireRole(user, ['handler', 'unit-head', 'supervisor', 'jco'], 'act on supervision items');
    const { petitionId, localId } = parseItemId(itemId);
    try {
      return await this.petitions.transition(
        user,
        petitionId,
        type,
        { body, params: { itemId: localId } },
        request,
      );
    } catch (err) {
      // An item of a case the user cannot see does not exist for them.
      if (err instanceof AppError && err.status === 404) throw notFound(`Supervision item ${itemId}`);
      throw err;
    }
  }
}
