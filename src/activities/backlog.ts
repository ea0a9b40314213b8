import type { Pool } from 'pg';
import type { BacklogAlarm } from '../backlog';
import { recordBacklogAlarm } from '../db/backlog/alarms';

/** Activities of the backlog entry workflow: its one I/O, writing a fired alarm's notices (idempotent). */
export function createBacklogActivities(pool: Pool) {
  return {
    async fireBacklogAlarm(input: { entryId: string; alarm: BacklogAlarm }): Promise<string> {
      return recordBacklogAlarm(pool, input.entryId, input.alarm);
    },
  };
}

export type BacklogActivities = ReturnType<typeof createBacklogActivities>;
