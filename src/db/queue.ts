import type { Pool, PoolClient } from 'pg';
import { COLUMNS, type PetitionRow } from './petitions';
import { type PetitionSearch, visibility } from './petition-search';
import {
  ITEM_COLUMNS,
  itemVisibility,
  type SupervisionFilter,
  type SupervisionItemRow,
} from './supervision-items';

/**
 * The staff queue (待办): the cases the caller's unit must act on next (`unit`), the cases the caller owns as
 * the case-owning leader (`case-owner`, 包案), or the open supervision items the caller oversees (`supervision`,
 * 督办). The first two read the fold's action columns (migration 1796000000025), the third the ladder's items.
 */
export const QUEUE_KINDS = ['unit', 'case-owner', 'supervision'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/**
 * Where a page ends. A case: overdue first, then the due instant (null: nothing awaited, last), then the case
 * number. An item: its due date (null last), then the latest item first.
 */
export type QueueKey =
  | { kind: 'unit' | 'case-owner'; overdue: boolean; dueAt: string | null; id: string }
  | { kind: 'supervision'; dueOn: string | null; id: string };

export interface QueueQuery {
  kind: QueueKind;
  /** The caller: its unit, its login (the leader of 包案), and what it may see. */
  unitId: string;
  login: string;
  visibleTo: PetitionSearch['visibleTo'];
  itemsVisibleTo: SupervisionFilter['visibleTo'];
  /** Only overdue (true) or only not overdue (false). */
  overdue?: boolean;
  /** Today in Asia/Shanghai: an item whose due date is before it is overdue. */
  today: string;
  after?: QueueKey;
  limit: number;
}

/** What the case waits for: the action columns, instants in UTC to the microsecond. */
export interface QueueAction {
  key: string;
  dueAt: string;
  warnAt: string | null;
  overdue: boolean;
}

export interface QueueRow {
  petition: PetitionRow;
  action: QueueAction | null;
  /** The supervision item (kind `supervision`), with its due date. */
  item: (SupervisionItemRow & { dueOn: string | null }) | null;
  key: QueueKey;
}

export interface QueueCounts {
  unit: number;
  'case-owner': number;
  /** Null when the caller has no supervision queue. */
  supervision: number | null;
  /** Overdue cases in the unit's queue. */
  overdue: number;
}

type Queryable = Pool | PoolClient;

const UTC_INSTANT = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The action columns beside a petition's own (COLUMNS). */
const ACTION_COLUMNS = `action_deadline_key AS "actionKey", ${UTC_INSTANT('action_due_at')} AS "actionDueAt",
  ${UTC_INSTANT('action_warn_at')} AS "actionWarnAt", action_overdue AS "actionOverdue"`;

/**
 * An item's due date: a listed case's date to correct by; an answered notice's target date; a manual item's own
 * feedback date; an open notice's shared feedback deadline (the rule sets' `supervision-feedback`); else the
 * deadline it climbs for (passed: what the office waits on).
 */
const ITEM_DUE = `coalesce(
    CASE WHEN s.level = 'listed' THEN s.correct_by END,
    CASE WHEN s.status = 'answered' THEN s.target_date END,
    s.feedback_due,
    CASE WHEN s.level = 'notice' AND s.status = 'open' THEN
      (SELECT (d ->> 'dueDate')::date FROM jsonb_array_elements(p.case_state -> 'deadlines') d
        WHERE d ->> 'key' = 'supervision-feedback' AND d ->> 'status' IN ('running', 'overdue') LIMIT 1)
    END,
    (SELECT (d ->> 'dueDate')::date FROM jsonb_array_elements(p.case_state -> 'deadlines') d
      WHERE d ->> 'key' = s.deadline_key ORDER BY (d ->> 'dueAt')::timestamptz DESC LIMIT 1))`;

/** The cases of a leader's 包案 that are not closed (the index of migration 1796000000017 finds them). */
const caseOwned = (login: string) =>
  `case_state -> 'caseOwner' IS NOT NULL AND case_state -> 'caseOwner' ->> 'leader' = ${login} AND status <> 'closed'`;

/** One page of the queue, in its order, and the key of its last row when a page may follow. */
export async function queuePage(
  db: Queryable,
  query: QueueQuery,
): Promise<{ rows: QueueRow[]; last: QueueKey | null }> {
  const rows = query.kind === 'supervision' ? await itemPage(db, query) : await casePage(db, query);
  return { rows, last: rows.length === query.limit ? rows.at(-1)!.key : null };
}

/** The page's SQL and parameters for a case kind: also what EXPLAIN reads in the tests. */
export function casePageQuery(query: QueueQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where: string[] = [];
  // The unit's queue walks its index (action_unit_id, NOT action_overdue, action_due_at, id) in order; the
  // leader's few cases are sorted, nothing awaited last.
  const unit = query.kind === 'unit';
  const notOverdue = unit ? '(NOT action_overdue)' : '(NOT coalesce(action_overdue, false))';
  const due = unit ? 'action_due_at' : `coalesce(action_due_at, 'infinity'::timestamptz)`;
  where.push(unit ? `action_unit_id = ${param(query.unitId)}` : caseOwned(param(query.login)));
  if (query.overdue !== undefined) where.push(`${notOverdue} = ${param(!query.overdue)}`);
  if (query.after && query.after.kind !== 'supervision') {
    const { overdue, dueAt, id } = query.after;
    where.push(
      `(${notOverdue}, ${due}, id) > (${param(!overdue)}, coalesce(${param(dueAt)}::timestamptz, 'infinity'::timestamptz), ${param(id)}::text)`,
    );
  }
  where.push(visibility(query.visibleTo, param));
  return {
    text: `SELECT ${COLUMNS}, ${ACTION_COLUMNS} FROM petitions p WHERE ${where.join(' AND ')}
            ORDER BY ${notOverdue}, ${due}, id LIMIT ${query.limit}`,
    values,
  };
}

async function casePage(db: Queryable, query: QueueQuery): Promise<QueueRow[]> {
  const { rows } = await db.query(casePageQuery(query));
  const kind = query.kind as 'unit' | 'case-owner';
  return rows.map((r: PetitionRow & Record<string, unknown>) => {
    const { actionKey, actionDueAt, actionWarnAt, actionOverdue, ...petition } = r;
    const action =
      typeof actionKey === 'string' && typeof actionDueAt === 'string'
        ? {
            key: actionKey,
            dueAt: actionDueAt,
            warnAt: (actionWarnAt as string | null) ?? null,
            overdue: actionOverdue === true,
          }
        : null;
    return {
      petition: petition as PetitionRow,
      action,
      item: null,
      key: { kind, overdue: action?.overdue ?? false, dueAt: action?.dueAt ?? null, id: r.id },
    };
  });
}

async function itemPage(db: Queryable, query: QueueQuery): Promise<QueueRow[]> {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const due = `coalesce(due.due_on, 'infinity'::date)`;
  const where = [`s.status IN ('open', 'answered')`, itemVisibility(query.itemsVisibleTo, param)];
  if (query.overdue !== undefined) {
    where.push(`(${due} < ${param(query.today)}::date) = ${param(query.overdue)}`);
  }
  if (query.after?.kind === 'supervision') {
    const on = `coalesce(${param(query.after.dueOn)}::date, 'infinity'::date)`;
    const id = param(query.after.id);
    where.push(`(${due} > ${on} OR (${due} = ${on} AND s.id < ${id}))`);
  }
  const { rows: items } = await db.query<SupervisionItemRow & { dueOn: string | null }>(
    `SELECT ${ITEM_COLUMNS}, to_char(due.due_on, 'YYYY-MM-DD') AS "dueOn"
       FROM supervision_items s JOIN petitions p ON p.id = s.petition_id
       LEFT JOIN units n ON n.id = s.unit_id
       CROSS JOIN LATERAL (SELECT ${ITEM_DUE} AS due_on) due
      WHERE ${where.join(' AND ')}
      ORDER BY ${due}, s.id DESC LIMIT ${query.limit}`,
    values,
  );
  // Their cases, read as the search reads them (a page holds at most a hundred).
  const { rows: petitions } = await db.query<PetitionRow>(
    `SELECT ${COLUMNS} FROM petitions WHERE id = ANY($1::text[])`,
    [[...new Set(items.map((item) => item.petitionId))]],
  );
  const byId = new Map(petitions.map((petition) => [petition.id, petition]));
  return items.map((item) => ({
    petition: byId.get(item.petitionId)!,
    action: null,
    item,
    key: { kind: 'supervision' as const, dueOn: item.dueOn, id: item.id },
  }));
}

/**
 * The caller's totals per kind, for the navigation: the unit's queue (and how much of it is overdue), the
 * leader's open 包案 cases, and the open supervision items it oversees (null: it has no supervision queue).
 */
export async function queueCounts(
  db: Queryable,
  query: Pick<QueueQuery, 'unitId' | 'login' | 'visibleTo' | 'itemsVisibleTo'> & { supervision: boolean },
): Promise<QueueCounts> {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const unit = `action_unit_id = ${param(query.unitId)} AND ${visibility(query.visibleTo, param)}`;
  const owned = `${caseOwned(param(query.login))} AND ${visibility(query.visibleTo, param)}`;
  const items = query.supervision
    ? `(SELECT count(*) FROM supervision_items s JOIN petitions p ON p.id = s.petition_id
         WHERE s.status IN ('open', 'answered') AND ${itemVisibility(query.itemsVisibleTo, param)})::int`
    : 'NULL::int';
  const { rows } = await db.query<QueueCounts>(
    `SELECT (SELECT count(*) FROM petitions p WHERE ${unit})::int AS unit,
            (SELECT count(*) FROM petitions p WHERE ${unit} AND action_overdue)::int AS overdue,
            (SELECT count(*) FROM petitions p WHERE ${owned})::int AS "case-owner",
            ${items} AS supervision`,
    values,
  );
  return rows[0]!;
}
