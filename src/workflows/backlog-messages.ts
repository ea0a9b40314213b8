import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BacklogClockState } from '../backlog';

/**
 * The backlog entry workflow's contract, shared by the workflow and its clients. Ids and dates only: the
 * entry's leader, cause and measures stay in PostgreSQL.
 */
export const BACKLOG_ENTRY_WORKFLOW_TYPE = 'backlogEntryWorkflow';

export function backlogEntryWorkflowId(entryId: string): string {
  return `backlog-entry-${entryId}`;
}

export interface BacklogEntryWorkflowInput {
  entryId: string;
  targetDate: string;
  /** The day the entry was registered (its warnings start from it). */
  registeredOn: string;
}

/** A new target date (changed through the API), re-planned from `today`. */
export const retargetUpdate = defineUpdate<BacklogClockState, [{ targetDate: string; today: string }]>(
  'retarget',
);
/** The entry resolved or stopped: the ladder ends. */
export const closeEntryUpdate = defineUpdate<BacklogClockState, []>('close');
export const backlogClockQuery = defineQuery<BacklogClockState>('clock');
