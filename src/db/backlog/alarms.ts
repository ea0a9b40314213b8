import type { Pool } from 'pg';
import type { BacklogAlarm } from '../../backlog';
import { findOfficeOver } from '../organisation';
import { inTransaction } from '../transaction';

type Recipients = Array<{ unitId: string; roles: string[] }>;

/** Who hears of an alarm: the responsible unit, the keeping bureau, and (escalation) the office over it. */
function recipientsOf(
  alarm: BacklogAlarm,
  unitId: string,
  ownerUnitId: string,
  officeId?: string,
): Recipients {
  const keeper = { unitId: ownerUnitId, roles: ['supervisor'] };
  switch (alarm.kind) {
    case 'warning':
      return [{ unitId, roles: ['handler', 'unit-head'] }, keeper];
    case 'supervision-notice':
      return [{ unitId, roles: ['handler', 'unit-head', 'supervisor'] }, keeper];
    case 'escalation':
      return [
        ...(officeId ? [{ unitId: officeId, roles: ['jco'] }] : []),
        { unitId, roles: ['unit-head'] },
        keeper,
      ];
  }
}

function textOf(alarm: BacklogAlarm, title: string): string {
  switch (alarm.kind) {
    case 'warning':
      return `积案预警 ${title}: ${alarm.daysBefore ?? 0} d before its target date (${alarm.targetDate})`;
    case 'supervision-notice':
      return `积案督办 ${title}: its target date ${alarm.targetDate} passed unresolved`;
    case 'escalation':
      return `积案报联席办 ${title}: still unresolved after the 督办 notice (target date ${alarm.targetDate})`;
  }
}

/**
 * Records a fired alarm of a backlog entry and its notifications (the inbox, and mail/SMS through the
 * delivery outbox), once: a retried activity finds the alarm recorded and writes nothing. An alarm of a
 * target date no longer current, or of a closed entry, is stale (the API changed the entry first): nothing.
 */
export async function recordBacklogAlarm(
  pool: Pool,
  entryId: string,
  alarm: BacklogAlarm,
): Promise<'recorded' | 'already' | 'stale'> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, async () => {
      const { rows } = await client.query<{
        title: string;
        unitId: string;
        ownerUnitId: string;
        regionId: string | null;
        targetDate: string;
        outcome: string;
        leadCase: string;
      }>(
        `SELECT e.title, e.unit_id AS "unitId", e.owner_unit_id AS "ownerUnitId", o.region_id AS "regionId",
                to_char(e.target_date, 'YYYY-MM-DD') AS "targetDate", e.outcome,
                (SELECT petition_id FROM backlog_entry_cases WHERE entry_id = e.id ORDER BY position LIMIT 1) AS "leadCase"
           FROM backlog_entries e JOIN units o ON o.id = e.owner_unit_id WHERE e.id = $1 FOR UPDATE OF e`,
        [entryId],
      );
      const entry = rows[0];
      if (!entry || entry.outcome !== 'open' || entry.targetDate !== alarm.targetDate) return 'stale';
      const inserted = await client.query<{ seq: number }>(
        `INSERT INTO backlog_alarms (entry_id, alarm_key, kind, target_date, fired_on) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (entry_id, alarm_key) DO NOTHING RETURNING notice_seq AS seq`,
        [entryId, alarm.key, alarm.kind, alarm.targetDate, alarm.on],
      );
      const seq = inserted.rows[0]?.seq;
      if (seq === undefined) return 'already';
      const office = alarm.kind === 'escalation' ? await findOfficeOver(client, entry.regionId) : undefined;
      const payload = {
        text: textOf(alarm, entry.title),
        event: `backlog-${alarm.kind}`,
        backlogEntryId: entryId,
        key: alarm.key,
        dueDate: alarm.targetDate,
      };
      // The entry's notices hang on its lead case, numbered below zero (see the migration).
      await client.query(
        `INSERT INTO notifications (recipient, petition_id, sequence, kind, payload)
         SELECT DISTINCT u.login, $1::text, $2::int, $3::text, $4::jsonb
           FROM jsonb_to_recordset($5::jsonb) AS r("unitId" text, roles text[])
           JOIN users u ON u.active AND u.unit_id = r."unitId" AND u.roles && r.roles
         ON CONFLICT (petition_id, sequence, recipient) DO NOTHING`,
        [
          entry.leadCase,
          -seq,
          alarm.kind,
          JSON.stringify(payload),
          JSON.stringify(recipientsOf(alarm, entry.unitId, entry.ownerUnitId, office)),
        ],
      );
      return 'recorded';
    });
  } finally {
    client.release();
  }
}
