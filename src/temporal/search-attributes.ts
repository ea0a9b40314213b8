import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { PETITION_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

const INDEXED_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * Registers the custom search attributes that a server (one we did not start) lacks.
 * The dev server gets them as start flags instead.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = PETITION_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length > 0) await addSearchAttributes(connection, namespace, missing);
  return missing.map((key) => key.name);
}

/** Adds search attributes without listing first (the time-skipping test server cannot list them). */
export async function addSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: ReadonlyArray<(typeof PETITION_SEARCH_ATTRIBUTES)[number]> = PETITION_SEARCH_ATTRIBUTES,
): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      keys.map((key) => [key.name, INDEXED_TYPE[key.type] ?? INDEXED_TYPE.KEYWORD!]),
    ),
  });
}
