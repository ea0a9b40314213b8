import type { Pool } from 'pg';
import type { User } from '../db/organisation';
import { type QueueAction, queueCounts, type QueueKey, queuePage, type QueueRow } from '../db/queue';
import { endOfShanghaiDay, instantMs, isIsoDate, shanghaiDateAt, toShanghaiDate } from '../rules/dates';
import { overseenRegion } from './access';
import type { QueueQuery } from './contract/queue';
import { AppError, fieldError } from './errors';
import { summaryOf } from './petition-views';

/**
 * Who has the supervision queue (督办): a petition bureau's supervisor and the joint-conference office (联席办),
 * the two that follow the ladder's items up. Everyone else is refused (403), not shown an empty list.
 */
export function hasSupervisionQueue(user: User): boolean {
  return (
    user.roles.includes('jco') || (user.roles.includes('supervisor') && user.unit.kind === 'petition-bureau')
  );
}

/**
 * GET /api/queue: the staff queue (待办) — what the caller's unit must act on next, or the caller as the case-owning
 * leader (包案), overdue first and then by due date, paged by key; or the supervision items the caller oversees,
 * by due date. With the caller's totals per kind. The rows are the search's (no petitioner's personal data).
 */
export async function staffQueue(pool: Pool, user: User, query: QueueQuery, now = new Date()) {
  const supervision = hasSupervisionQueue(user);
  if (query.kind === 'supervision' && !supervision) {
    throw new AppError(
      403,
      'queue_forbidden',
      'Only a petition bureau’s supervisor or the joint-conference office has the supervision queue',
    );
  }
  const scope = {
    unitId: user.unitId,
    login: user.login,
    visibleTo: { unitId: user.unitId, regionId: overseenRegion(user) },
    itemsVisibleTo: {
      unitId: user.unitId,
      regionId: overseenRegion(user),
      bureau: user.unit.kind === 'petition-bureau',
    },
  };
  const [{ rows, last }, counts] = await Promise.all([
    queuePage(pool, {
      ...scope,
      kind: query.kind,
      overdue: query.overdue,
      today: toShanghaiDate(now),
      after: query.cursor ? decodeQueueCursor(query.cursor, query.kind) : undefined,
      limit: query.pageSize,
    }),
    queueCounts(pool, { ...scope, supervision }),
  ]);
  return {
    kind: query.kind,
    items: rows.map((row) => queueItemOf(row, toShanghaiDate(now))),
    nextCursor: last ? encodeQueueCursor(last) : null,
    counts,
  };
}

function queueItemOf(row: QueueRow, today: string) {
  return {
    ...summaryOf(row.petition),
    caseNumber: row.petition.id,
    deadline: row.item ? itemDeadline(row.item, today) : row.action ? actionDeadline(row.action) : null,
    supervisionItem: row.item ? withoutDue(row.item) : null,
  };
}

/** The action columns as the rule set writes instants: 24:00 of the due date is 00:00 of the next, at +08:00. */
function actionDeadline(action: QueueAction) {
  const dueMs = instantMs(action.dueAt);
  return {
    key: action.key,
    dueAt: shanghaiInstant(dueMs),
    dueDate: shanghaiDateAt(dueMs - 1),
    warnAt: action.warnAt ? shanghaiInstant(instantMs(action.warnAt)) : null,
    overdue: action.overdue,
  };
}

function itemDeadline(item: NonNullable<QueueRow['item']>, today: string) {
  if (!item.dueOn) return null;
  return {
    key: item.deadlineKey,
    dueAt: endOfShanghaiDay(item.dueOn),
    dueDate: item.dueOn,
    warnAt: null,
    overdue: item.dueOn < today || item.listingOverdue,
  };
}

function withoutDue({ dueOn: _dueOn, ...item }: NonNullable<QueueRow['item']>) {
  return item;
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** An instant written at +08:00, to the second: `2026-03-21T00:00:00+08:00`. */
function shanghaiInstant(ms: number): string {
  return `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The cursor is the last row's key, opaque to clients (base64url of JSON), and good for its kind only. */
export function encodeQueueCursor(key: QueueKey): string {
  const fields =
    key.kind === 'supervision' ? [key.kind, key.dueOn, key.id] : [key.kind, key.overdue, key.dueAt, key.id];
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function decodeQueueCursor(cursor: string, kind: QueueQuery['kind']): QueueKey {
  try {
    const fields = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const id = fields.at(-1);
    // A case number (XF-2026-000001) or an item's (XF-2026-000001.route-1).
    const idOk = typeof id === 'string' && /^[A-Za-z0-9._-]{1,80}$/.test(id);
    if (Array.isArray(fields) && fields[0] === kind && idOk) {
      if (kind === 'supervision' && fields.length === 3) {
        const [, dueOn] = fields;
        if (dueOn === null || (typeof dueOn === 'string' && isIsoDate(dueOn))) {
          return { kind, dueOn, id };
        }
      } else if (kind !== 'supervision' && fields.length === 4) {
        const [, overdue, dueAt] = fields;
        const dueOk =
          dueAt === null || (typeof dueAt === 'string' && INSTANT.test(dueAt) && realInstant(dueAt));
        if (typeof overdue === 'boolean' && dueOk) return { kind, overdue, dueAt, id };
      }
    }
  } catch {
    // falls through to the refusal
  }
  throw fieldError('cursor', `must be the nextCursor of an earlier page of kind ${kind}`);
}

const realInstant = (instant: string) =>
  !Number.isNaN(Date.parse(instant)) && new Date(instant).toISOString().slice(0, 19) === instant.slice(0, 19);
