import type { CaseEvent, CaseState } from '../../case';
import type { NotificationRow, SupervisionItemWrite } from '../ladder-projection';

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

/** The statement's parameters by name: each part's document, and the row's key and version. */
export type ParameterName = 'petitionId' | 'version' | PartDocument;
export type PartDocument = 'fold' | 'events' | 'notifications' | 'items' | 'report' | 'acts';

/**
 * One table's share of the write: a data-modifying CTE of the one statement, and the JSON document (one
 * jsonb parameter) it unpacks. Every part but the fold reads the fold's `target` (the updated row), so a
 * failed version check leaves them nothing to write.
 */
export interface WritePart {
  cte: string;
  /** The parameter it unpacks; none for a part that needs nothing but the target. */
  document?: PartDocument;
  /** The CTE's body; `param` gives the placeholder of a named parameter. */
  sql(param: (name: ParameterName) => string): string;
  documentOf(write: CaseWrite): unknown;
}

/**
 * A row under its table's column names (`itemId` → `item_id`), for `jsonb_populate_record(set)`, which takes
 * each column's type from the table itself.
 */
export function asColumns(row: object): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) columns[columnName(key)] = value;
  return columns;
}

// Each key converted once (a few dozen fields in all): a replace per key and write made the items' document
// seven times as dear to build.
const columnNames = new Map<string, string>();
function columnName(key: string): string {
  let name = columnNames.get(key);
  if (name === undefined) {
    name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    columnNames.set(key, name);
  }
  return name;
}
