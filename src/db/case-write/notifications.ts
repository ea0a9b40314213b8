import type { WritePart } from './part';

/**
 * The notifications the events cause (a transactional outbox), each recipient spec resolved to active users:
 * a user meant twice by one event is notified once, and a redone write adds none.
 */
export const notificationsPart: WritePart = {
  cte: 'notified',
  document: 'notifications',
  sql: (param) => `
     INSERT INTO notifications (recipient, petition_id, sequence, kind, payload)
     SELECT DISTINCT ON (u.login, s.sequence) u.login, t.id, s.sequence, s.kind, s.payload
       FROM target t, jsonb_to_recordset(${param('notifications')}::jsonb)
         AS s(sequence int, kind text, payload jsonb, login text, "unitId" text, roles text[])
       JOIN users u ON u.active AND (u.login = s.login OR (u.unit_id = s."unitId" AND u.roles && s.roles))
     ON CONFLICT (petition_id, sequence, recipient) DO NOTHING`,
  documentOf: (write) => write.notifications,
};
