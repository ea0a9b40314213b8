import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = path.resolve(__dirname, '..', 'fixtures', 'histories');

/**
 * Saves a workflow's history as a replay fixture when SAVE_HISTORIES=1. Fixtures are recorded from
 * the workflow as deployed; replaying them against today's code proves a change is compatible
 * (or needs `patched()`).
 */
export async function saveHistoryIfRequested(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.SAVE_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  const file = path.join(HISTORIES_DIR, `${name}.json`);
  // Released histories are permanent: a fixture is written once, never re-recorded over (use a new name).
  if (fs.existsSync(file)) throw new Error(`${file} exists: released histories are never re-recorded`);
  fs.writeFileSync(file, historyToJSON(history));
}
