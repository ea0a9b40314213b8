import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type Connection } from '@temporalio/client';
import { type SearchAttributePair, SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Pool } from 'pg';
import { withAdvisoryLock } from '../db/advisory-lock';
import { PETITION_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

type PetitionSearchAttribute = (typeof PETITION_SEARCH_ATTRIBUTES)[number];

const INDEXED_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

const indexedType = (key: PetitionSearchAttribute) => INDEXED_TYPE[key.type] ?? INDEXED_TYPE.KEYWORD!;

/**
 * Serialises registration between the processes of one deployment (they share the database). On SQL
 * visibility the server picks a free column for each new attribute without a lock of its own, so two
 * processes adding the same attribute at once could map it to two columns.
 */
const REGISTRATION_LOCK_KEY = 7_302_115_001n;
const ATTEMPTS = 5;

/**
 * Registers the custom search attributes that a server (one we did not start) lacks, waits until the
 * server accepts them, and returns the names it added. Idempotent; with `lock` (the app's database)
 * also safe for processes starting at once: a second one finds them registered and accepted. An
 * attribute that exists with another type fails the start: every upsert would be rejected. The dev
 * server gets the attributes as start flags instead.
 */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  options: { lock?: Pool } = {},
): Promise<string[]> {
  const register = async () => {
    const added: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const missing = await missingSearchAttributes(connection, namespace);
      if (missing.length === 0) {
        if (added.length) await waitUntilSearchAttributesAccepted(connection, namespace);
        return added;
      }
      try {
        await addSearchAttributes(connection, namespace, missing);
        added.push(...missing.map((key) => key.name));
      } catch (err) {
        // E.g. "Generated search attributes mapping unavailable" after a concurrent change: list again.
        if (attempt >= ATTEMPTS) throw err;
        await sleep(500 * attempt);
      }
    }
  };
  return options.lock ? withAdvisoryLock(options.lock, REGISTRATION_LOCK_KEY, register) : register();
}

async function missingSearchAttributes(connection: Connection, namespace: string) {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = existing.customAttributes ?? {};
  for (const key of PETITION_SEARCH_ATTRIBUTES) {
    const type = known[key.name];
    if (type !== undefined && type !== null && type !== indexedType(key)) {
      throw new Error(
        `Search attribute ${key.name} exists in namespace ${namespace} as ${temporal.api.enums.v1.IndexedValueType[type]}, ` +
          `but the workflows write it as ${key.type}`,
      );
    }
  }
  return PETITION_SEARCH_ATTRIBUTES.filter((key) => known[key.name] === undefined);
}

/** Adds search attributes without listing first (the time-skipping test server cannot list them). */
export async function addSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: ReadonlyArray<PetitionSearchAttribute> = PETITION_SEARCH_ATTRIBUTES,
): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(keys.map((key) => [key.name, indexedType(key)])),
  });
}

/**
 * Waits until the frontend accepts every attribute: a new one is listed at once, but reaches the
 * server's namespace caches only at their next refresh. Probes by starting a workflow that carries all
 * of them on a task queue nobody polls, then deletes it (it never runs and leaves nothing in visibility).
 */
export async function waitUntilSearchAttributesAccepted(
  connection: Connection,
  namespace: string,
  timeoutMs = 60_000,
): Promise<void> {
  const client = new Client({ connection, namespace });
  const workflowId = `petitionflow-search-attribute-probe-${randomUUID()}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.workflow.start('petitionflowSearchAttributeProbe', {
        taskQueue: 'petitionflow-search-attribute-probe',
        workflowId,
        typedSearchAttributes: PETITION_SEARCH_ATTRIBUTES.map(probeValue),
      });
      break;
    } catch (err) {
      if (!/search attribute/i.test(messageChain(err)) || Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
  await connection.workflowService.deleteWorkflowExecution({ namespace, workflowExecution: { workflowId } });
}

/** The client wraps the server's answer ("… no mapping defined for search attribute …") as the cause. */
function messageChain(err: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = err; e instanceof Error; e = e.cause) messages.push(e.message);
  return messages.join(': ');
}

function probeValue(key: PetitionSearchAttribute): SearchAttributePair {
  switch (key.type) {
    case SearchAttributeType.DATETIME:
      return { key, value: new Date() } as SearchAttributePair;
    case SearchAttributeType.BOOL:
      return { key, value: false } as SearchAttributePair;
    default:
      return { key, value: 'search-attribute-probe' } as SearchAttributePair;
  }
}
