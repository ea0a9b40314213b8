import type { PoolClient } from 'pg';
import { prepared } from './prepared';
import { type CaseEvent, type CaseState, evolve, itemsOf, noticeOf, type Recipient } from '../workflows/case';

const insertNotifications = prepared<[string, string]>(
  'ladder-insert-notifications',
  `INSERT INTO notifications (recipient, petition_id, sequence, kind, payload)
   SELECT DISTINCT ON (u.login, s.sequence) u.login, $1, s.sequence, s.kind, s.payload
     FROM jsonb_to_recordset($2::jsonb)
       AS s(sequence int, kind text, payload jsonb, login text, "unitId" text, roles text[])
     JOIN users u ON u.active AND (u.login = s.login OR (u.unit_id = s."unitId" AND u.roles && s.roles))
   ON CONFLICT (petition_id, sequence, recipient) DO NOTHING`,
);
const upsertItems = prepared<[string, string]>(
  'ladder-upsert-items',
  `INSERT INTO supervision_items (id, petition_id, item_id, deadline_key, unit_id, level, status, notice_on,
                                 feedback_on, target_date, escalated_on, escalation_reason, listed_on,
                                 correct_by, listing_overdue, ended_on)
   SELECT r.id, $1, r."itemId", r."deadlineKey", r."unitId", r.level, r.status, r."noticeOn", r."feedbackOn",
          r."targetDate", r."escalatedOn", r."escalationReason", r."listedOn", r."correctBy",
          r."listingOverdue", r."endedOn"
     FROM jsonb_to_recordset($2::jsonb) AS r(id text, "itemId" text, "deadlineKey" text, "unitId" text,
          level text, status text, "noticeOn" date, "feedbackOn" date, "targetDate" date,
          "escalatedOn" date, "escalationReason" text, "listedOn" date, "correctBy" date,
          "listingOverdue" boolean, "endedOn" date)
   ON CONFLICT (id) DO UPDATE SET unit_id = EXCLUDED.unit_id, level = EXCLUDED.level,
     status = EXCLUDED.status, notice_on = EXCLUDED.notice_on, feedback_on = EXCLUDED.feedback_on,
     target_date = EXCLUDED.target_date, escalated_on = EXCLUDED.escalated_on,
     escalation_reason = EXCLUDED.escalation_reason, listed_on = EXCLUDED.listed_on,
     correct_by = EXCLUDED.correct_by, listing_overdue = EXCLUDED.listing_overdue,
     ended_on = EXCLUDED.ended_on, updated_at = now()`,
);

/**
 * What the event writer keeps beside the case's fold, in the same transaction: the supervision items for the
 * office's queue, and the notifications the events cause (a transactional outbox: written with the events
 * or not at all; a redone write finds them there and adds none).
 */
export async function projectLadder(
  client: PoolClient,
  petitionId: string,
  before: CaseState,
  events: CaseEvent[],
): Promise<void> {
  let state = before;
  const rows: Array<{ sequence: number; kind: string; payload: object; recipients: Recipient[] }> = [];
  for (const event of events) {
    state = evolve(state, event);
    const notice = noticeOf(event, state);
    if (notice && notice.recipients.length > 0) {
      rows.push({
        sequence: event.sequence,
        kind: notice.kind,
        payload: { text: notice.text, event: event.type, ...keysOf(event) },
        recipients: notice.recipients,
      });
    }
  }
  await writeNotifications(client, petitionId, rows);
  await syncItems(client, petitionId, state);
}

function keysOf(event: CaseEvent): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const field of ['key', 'itemId', 'extensionId', 'reason'] as const) {
    const value = (event as Record<string, unknown>)[field];
    if (typeof value === 'string') keys[field] = value;
  }
  return keys;
}

/** Resolves each recipient to the active users it names, and writes one row per user (once). */
async function writeNotifications(
  client: PoolClient,
  petitionId: string,
  rows: Array<{ sequence: number; kind: string; payload: object; recipients: Recipient[] }>,
): Promise<void> {
  if (rows.length === 0) return;
  const specs = rows.flatMap((row) =>
    row.recipients.map((r) => ({
      sequence: row.sequence,
      kind: row.kind,
      payload: row.payload,
      login: 'login' in r ? r.login : null,
      unitId: 'unitId' in r ? r.unitId : null,
      roles: 'roles' in r ? r.roles : null,
    })),
  );
  await client.query(insertNotifications(petitionId, JSON.stringify(specs)));
}

/** The case's ladder items as rows of the office's queue. */
async function syncItems(client: PoolClient, petitionId: string, state: CaseState): Promise<void> {
  const items = itemsOf(state);
  if (items.length === 0) return;
  const rows = items.map((item) => ({
    id: `${petitionId}.${item.id}`,
    itemId: item.id,
    deadlineKey: item.deadlineKey,
    unitId: item.unitId ?? null,
    level: item.level,
    status: item.status,
    noticeOn: item.noticeOn ?? null,
    feedbackOn: item.feedback?.on ?? null,
    targetDate: item.feedback?.targetDate ?? null,
    escalatedOn: item.escalation?.on ?? null,
    escalationReason: item.escalation?.reason ?? null,
    listedOn: item.listing?.on ?? null,
    correctBy: item.listing?.correctBy ?? null,
    listingOverdue: item.listing?.overdueOn !== undefined,
    endedOn: item.endedOn ?? null,
  }));
  await client.query(upsertItems(petitionId, JSON.stringify(rows)));
}
