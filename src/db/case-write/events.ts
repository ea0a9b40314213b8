import type { WritePart } from './part';
import type { CaseEvent } from '../../case';

/** The batch's events, appended to the audit trail. */
export const eventsPart: WritePart = {
  cte: 'appended',
  document: 'events',
  sql: (param) => `
     INSERT INTO petition_events (petition_id, sequence, type, occurred_at, actor, request_id, data)
     SELECT t.id, e.sequence, e.type, e.at, e.actor, e."requestId", e.data
       FROM target t, jsonb_to_recordset(${param('events')}::jsonb)
         AS e(sequence int, type text, at timestamptz, actor text, "requestId" text, data jsonb)`,
  documentOf: (write) => write.events.map(eventRow),
};

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
