import { asColumns, type WritePart } from './part';

/** The case's supervision items as they stand after the events: new ones inserted, known ones updated. */
export const supervisionItemsPart: WritePart = {
  cte: 'items',
  document: 'items',
  sql: (param) => `
     INSERT INTO supervision_items (id, petition_id, item_id, deadline_key, unit_id, level, status, notice_on,
                                    feedback_on, target_date, escalated_on, escalation_reason, listed_on,
                                    correct_by, listing_overdue, ended_on, source, kind, ground, feedback_due)
     SELECT i.id, t.id, i.item_id, i.deadline_key, i.unit_id, i.level, i.status, i.notice_on, i.feedback_on,
            i.target_date, i.escalated_on, i.escalation_reason, i.listed_on, i.correct_by, i.listing_overdue,
            i.ended_on, i.source, i.kind, i.ground, i.feedback_due
       FROM target t, jsonb_populate_recordset(NULL::supervision_items, ${param('items')}::jsonb) i
     ON CONFLICT (id) DO UPDATE SET unit_id = EXCLUDED.unit_id, level = EXCLUDED.level,
       status = EXCLUDED.status, notice_on = EXCLUDED.notice_on, feedback_on = EXCLUDED.feedback_on,
       target_date = EXCLUDED.target_date, escalated_on = EXCLUDED.escalated_on,
       escalation_reason = EXCLUDED.escalation_reason, listed_on = EXCLUDED.listed_on,
       correct_by = EXCLUDED.correct_by, listing_overdue = EXCLUDED.listing_overdue,
       ended_on = EXCLUDED.ended_on, source = EXCLUDED.source, kind = EXCLUDED.kind, ground = EXCLUDED.ground,
       feedback_due = EXCLUDED.feedback_due, updated_at = now()`,
  documentOf: (write) => write.items.map(asColumns),
};
