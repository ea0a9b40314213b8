import type { PoolClient } from 'pg';
import { prepared } from './prepared';
import { type CaseEvent, type CaseState, isOverdue, nextDeadline } from '../case';
import type { NotificationRow, SupervisionItemWrite } from './ladder-projection';
import { reportFactsOf } from './report-facts';

/**
 * Everything one writing of a case changes, in one statement (one round trip instead of one per table): the
 * row's fold and its columns, the appended events, the notifications they cause (resolved to active users;
 * none twice), the supervision items and the report row. Every part hangs on the row's UPDATE, so when its
 * version check fails nothing at all is written.
 */
const writeCaseStatement = prepared<unknown[]>(
  'case-write',
  `WITH target AS (
     UPDATE petitions
        SET case_state = $2, status = $3, handling_unit_id = $4, outcome = $5, overdue = $6,
            next_deadline_key = $7, next_deadline_at = $8, closed_reason = $9, procedure = $10,
            routing_mode = $11, last_sequence = $12, record_fence = $13, review_unit_id = $14,
            reexamination_unit_id = $15, record_attempt_at = $16, updated_at = now()
      WHERE id = $1 AND ($17::text IS NULL OR xmin::text = $17::text)
      RETURNING id, received_on, bureau_unit_id, registration_level, channel, domain, first_time
   ), appended AS (
     INSERT INTO petition_events (petition_id, sequence, type, occurred_at, actor, request_id, data)
     SELECT t.id, e.sequence, e.type, e.at, e.actor, e."requestId", e.data
       FROM target t, jsonb_to_recordset($18::jsonb)
         AS e(sequence int, type text, at timestamptz, actor text, "requestId" text, data jsonb)
   ), notified AS (
     INSERT INTO notifications (recipient, petition_id, sequence, kind, payload)
     SELECT DISTINCT ON (u.login, s.sequence) u.login, t.id, s.sequence, s.kind, s.payload
       FROM target t, jsonb_to_recordset($19::jsonb)
         AS s(sequence int, kind text, payload jsonb, login text, "unitId" text, roles text[])
       JOIN users u ON u.active AND (u.login = s.login OR (u.unit_id = s."unitId" AND u.roles && s.roles))
     ON CONFLICT (petition_id, sequence, recipient) DO NOTHING
   ), items AS (
     INSERT INTO supervision_items (id, petition_id, item_id, deadline_key, unit_id, level, status, notice_on,
                                    feedback_on, target_date, escalated_on, escalation_reason, listed_on,
                                    correct_by, listing_overdue, ended_on)
     SELECT r.id, t.id, r."itemId", r."deadlineKey", r."unitId", r.level, r.status, r."noticeOn",
            r."feedbackOn", r."targetDate", r."escalatedOn", r."escalationReason", r."listedOn", r."correctBy",
            r."listingOverdue", r."endedOn"
       FROM target t, jsonb_to_recordset($20::jsonb) AS r(id text, "itemId" text, "deadlineKey" text,
            "unitId" text, level text, status text, "noticeOn" date, "feedbackOn" date, "targetDate" date,
            "escalatedOn" date, "escalationReason" text, "listedOn" date, "correctBy" date,
            "listingOverdue" boolean, "endedOn" date)
     ON CONFLICT (id) DO UPDATE SET unit_id = EXCLUDED.unit_id, level = EXCLUDED.level,
       status = EXCLUDED.status, notice_on = EXCLUDED.notice_on, feedback_on = EXCLUDED.feedback_on,
       target_date = EXCLUDED.target_date, escalated_on = EXCLUDED.escalated_on,
       escalation_reason = EXCLUDED.escalation_reason, listed_on = EXCLUDED.listed_on,
       correct_by = EXCLUDED.correct_by, listing_overdue = EXCLUDED.listing_overdue,
       ended_on = EXCLUDED.ended_on, updated_at = now()
   ), reported AS (
     INSERT INTO report_cases AS r (petition_id, received_on, bureau_unit_id, registration_level, channel,
            domain, first_time, handling_unit_id, status, acknowledge_due, acknowledged_on, handle_due,
            handled_on, closed_on, withdrawn, case_owned, evaluations_invited, evaluations_given,
            evaluations_satisfied)
     SELECT t.id, t.received_on, t.bureau_unit_id, t.registration_level, t.channel, t.domain, t.first_time,
            $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32
       FROM target t
     ON CONFLICT (petition_id) DO UPDATE SET
       handling_unit_id = EXCLUDED.handling_unit_id, status = EXCLUDED.status,
       acknowledge_due = EXCLUDED.acknowledge_due, acknowledged_on = EXCLUDED.acknowledged_on,
       handle_due = EXCLUDED.handle_due, handled_on = EXCLUDED.handled_on, closed_on = EXCLUDED.closed_on,
       withdrawn = EXCLUDED.withdrawn, case_owned = EXCLUDED.case_owned,
       evaluations_invited = EXCLUDED.evaluations_invited, evaluations_given = EXCLUDED.evaluations_given,
       evaluations_satisfied = EXCLUDED.evaluations_satisfied
   )
   SELECT count(*)::int AS written FROM target`,
);

/** What one writing of a case holds: its fold after the events, and what the fold derives. */
export interface CaseWrite {
  state: CaseState;
  /** Events to append (none when only the derived rows are rewritten). */
  events: CaseEvent[];
  notifications: NotificationRow[];
  items: SupervisionItemWrite[];
  /** The writer that the row records: its place in history and its attempt's start (see case-events). */
  fence: number;
  attemptAt: string | null;
}

/**
 * Writes a case in one statement. With `version` (the row's `xmin` as read), it writes only if the row is
 * still that version (optimistic: no lock was taken) and says whether it did; without, it always writes (the
 * caller holds the row's lock).
 */
export async function writeCase(
  client: Pick<PoolClient, 'query'>,
  petitionId: string,
  write: CaseWrite,
  version: string | null = null,
): Promise<boolean> {
  const { state } = write;
  const next = nextDeadline(state);
  const facts = reportFactsOf(state);
  const { rows } = await client.query<{ written: number }>(
    writeCaseStatement(
      petitionId,
      JSON.stringify(state),
      state.status,
      state.handlingUnitId ?? null,
      state.reply?.outcome ?? null,
      isOverdue(state),
      next?.key ?? null,
      next?.dueAt ?? null,
      state.closure?.reason ?? null,
      state.procedure ?? null,
      state.routing?.mode ?? null,
      state.lastSequence,
      write.fence,
      state.review?.bodyUnitId ?? null,
      state.reexamination?.bodyUnitId ?? null,
      write.attemptAt,
      version,
      JSON.stringify(write.events.map(eventRow)),
      JSON.stringify(write.notifications),
      JSON.stringify(write.items),
      facts.handlingUnitId,
      facts.status,
      facts.acknowledgeDue,
      facts.acknowledgedOn,
      facts.handleDue,
      facts.handledOn,
      facts.closedOn,
      facts.withdrawn,
      facts.caseOwned,
      facts.evaluationsInvited,
      facts.evaluationsGiven,
      facts.evaluationsSatisfied,
    ),
  );
  return rows[0]!.written === 1;
}

export type EventRow = ReturnType<typeof eventRow>;

/** An event as a row: the envelope in columns, the body in `data`. */
export function eventRow(event: CaseEvent) {
  const { sequence, type, at, actor, requestId, ...data } = event;
  // The JSON round trip drops undefined fields, as jsonb does.
  return {
    sequence,
    type,
    at,
    actor: actor ?? null,
    requestId: requestId ?? null,
    data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
  };
}
