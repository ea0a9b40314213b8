import type { Pool } from 'pg';
import type { SupervisionSource } from '../case/supervision';
import { regionSubtree } from './organisation';

export interface SupervisionItemRow {
  id: string;
  petitionId: string;
  itemId: string;
  deadlineKey: string;
  unitId: string | null;
  unitName: string | null;
  level: 'notice' | 'office' | 'listed';
  status: 'open' | 'answered' | 'resolved' | 'closed';
  noticeOn: string | null;
  feedbackOn: string | null;
  targetDate: string | null;
  escalatedOn: string | null;
  escalationReason: string | null;
  listedOn: string | null;
  correctBy: string | null;
  listingOverdue: boolean;
  endedOn: string | null;
  /** Where it came from (S33); the kind, Art 40 ground and own feedback date of a manual item. */
  source: SupervisionSource;
  kind: string | null;
  ground: string | null;
  feedbackDue: string | null;
}

export interface SupervisionFilter {
  level?: string;
  unitId?: string;
  status?: string;
  /** Listed cases past their date to correct by (the office's overdue list). */
  overdue?: boolean;
  source?: SupervisionSource;
  /** Who asks: a unit sees its own items; oversight sees its region and below; a bureau its own cases. */
  visibleTo: { unitId: string; regionId?: string; bureau: boolean };
  limit: number;
  offset: number;
}

/** An item's columns (`s`, its unit's name `n`); also read by the staff queue (src/db/queue.ts). */
export const ITEM_COLUMNS = `s.id, s.petition_id AS "petitionId", s.item_id AS "itemId", s.deadline_key AS "deadlineKey",
  s.unit_id AS "unitId", n.name AS "unitName", s.level, s.status,
  to_char(s.notice_on, 'YYYY-MM-DD') AS "noticeOn", to_char(s.feedback_on, 'YYYY-MM-DD') AS "feedbackOn",
  to_char(s.target_date, 'YYYY-MM-DD') AS "targetDate", to_char(s.escalated_on, 'YYYY-MM-DD') AS "escalatedOn",
  s.escalation_reason AS "escalationReason", to_char(s.listed_on, 'YYYY-MM-DD') AS "listedOn",
  to_char(s.correct_by, 'YYYY-MM-DD') AS "correctBy", s.listing_overdue AS "listingOverdue",
  to_char(s.ended_on, 'YYYY-MM-DD') AS "endedOn", s.source, s.kind, s.ground,
  to_char(s.feedback_due, 'YYYY-MM-DD') AS "feedbackDue"`;

/** The supervision work queue, newest first, as the asker may see it. */
export async function listSupervisionItems(
  pool: Pool,
  filter: SupervisionFilter,
): Promise<SupervisionItemRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.level) where.push(`s.level = ${add(filter.level)}`);
  if (filter.unitId) where.push(`s.unit_id = ${add(filter.unitId)}`);
  if (filter.status) where.push(`s.status = ${add(filter.status)}`);
  if (filter.overdue !== undefined) where.push(`s.listing_overdue = ${add(filter.overdue)}`);
  if (filter.source) where.push(`s.source = ${add(filter.source)}`);
  where.push(itemVisibility(filter.visibleTo, add));
  const { rows } = await pool.query<SupervisionItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM supervision_items s JOIN petitions p ON p.id = s.petition_id
       LEFT JOIN units n ON n.id = s.unit_id
      WHERE ${where.join(' AND ')} ORDER BY s.updated_at DESC, s.id DESC
      LIMIT ${filter.limit} OFFSET ${filter.offset}`,
    params,
  );
  return rows;
}

/**
 * The items the asker may see (`s` the item, `p` its petition): a unit its own; oversight its region and below;
 * a bureau its own cases' too.
 */
export function itemVisibility(
  visibleTo: SupervisionFilter['visibleTo'],
  add: (value: unknown) => string,
): string {
  const { unitId, regionId, bureau } = visibleTo;
  const unit = add(unitId);
  const own = `s.unit_id = ${unit}`;
  if (regionId) {
    return `(${own} OR p.bureau_unit_id IN (SELECT id FROM units WHERE region_id IN (${regionSubtree(add(regionId))})))`;
  }
  if (bureau) return `(${own} OR p.bureau_unit_id = ${unit})`;
  return `(${own})`;
}
