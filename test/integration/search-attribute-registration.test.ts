import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { createPool } from '../../src/db/pool';
import { stopProcess, waitForOutput } from '../../src/dev-services/child-process';
import { ensureNamespace } from '../../src/temporal/namespace';
import { addSearchAttributes, ensureSearchAttributes } from '../../src/temporal/search-attributes';
import { PETITION_SEARCH_ATTRIBUTES } from '../../src/workflows/search-attributes';
import { TEST_AUTH_SECRET, testEnv } from '../support/harness';

/**
 * `petitionflow api` and `petitionflow worker` register the custom search attributes a namespace lacks
 * (as the compose file's temporal-setup job does), also when several start at once. Each test uses a
 * namespace of its own on the run's server (the dev server, or temporal-server on PostgreSQL with
 * TEST_PRODUCTION_SHAPE=1); both keep custom attributes in SQL visibility's pre-allocated columns.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const { IndexedValueType } = temporal.api.enums.v1;
const pool = createPool(testEnv('TEST_DATABASE_URL'));
let connection: Connection;

beforeAll(async () => {
  connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
});

afterAll(async () => {
  await connection?.close();
  await pool.end();
});

async function freshNamespace(): Promise<string> {
  const namespace = `sa-${randomUUID().slice(0, 8)}`;
  await ensureNamespace(connection, namespace);
  return namespace;
}

async function listed(namespace: string): Promise<Record<string, number>> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  return Object.fromEntries(
    Object.entries(customAttributes ?? {}).map(([name, type]) => [name, Number(type)]),
  );
}

const EXPECTED_TYPES = Object.fromEntries(
  PETITION_SEARCH_ATTRIBUTES.map((key) => [
    key.name,
    Number(IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`]),
  ]),
);

function startProcess(command: 'api' | 'worker', namespace: string): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'bin', 'petitionflow.js'), command], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: testEnv('TEST_DATABASE_URL'),
      TEMPORAL_ADDRESS: testEnv('TEST_TEMPORAL_ADDRESS'),
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: `sa-registration-${namespace}`,
      WORKFLOW_BUNDLE_PATH: testEnv('TEST_WORKFLOW_BUNDLE'),
      AUTH_SECRET: TEST_AUTH_SECRET,
      API_PORT: '0',
      API_HOST: '127.0.0.1',
      LOG_LEVEL: 'fatal',
    },
  });
}

/** Everything the process writes to stdout until it is ready. */
async function readyOutput(child: ChildProcess, command: 'api' | 'worker'): Promise<string> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await waitForOutput(child, command === 'api' ? /API listening/ : /Worker polling/, 90_000, command);
  return output;
}

describe('search attribute registration', () => {
  it('an API and a worker starting at once on a bare namespace register every attribute, once, with its type', async () => {
    const namespace = await freshNamespace();
    expect(await listed(namespace)).toEqual({});
    const children = [startProcess('api', namespace), startProcess('worker', namespace)];
    try {
      const outputs = await Promise.all([
        readyOutput(children[0]!, 'api'),
        readyOutput(children[1]!, 'worker'),
      ]);
      expect(await listed(namespace)).toEqual(EXPECTED_TYPES);
      // The lock lets one of them register all nine; the other finds them there.
      const registering = outputs.filter((output) => output.includes('Registered search attributes'));
      expect(registering).toHaveLength(1);
    } finally {
      await Promise.all(children.map((child) => stopProcess(child, 10_000)));
    }
  });

  it('is idempotent: two registrations at once add each attribute once and report it once', async () => {
    const namespace = await freshNamespace();
    const added = await Promise.all([
      ensureSearchAttributes(connection, namespace, { lock: pool }),
      ensureSearchAttributes(connection, namespace, { lock: pool }),
    ]);
    expect(added.flat().sort()).toEqual(PETITION_SEARCH_ATTRIBUTES.map((key) => key.name).sort());
    expect(await ensureSearchAttributes(connection, namespace, { lock: pool })).toEqual([]);
    expect(await listed(namespace)).toEqual(EXPECTED_TYPES);
  });

  it('refuses a namespace where an attribute exists with another type', async () => {
    const namespace = await freshNamespace();
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: { PetitionStatus: IndexedValueType.INDEXED_VALUE_TYPE_INT },
    });
    await expect(ensureSearchAttributes(connection, namespace, { lock: pool })).rejects.toThrow(
      /PetitionStatus exists in namespace .* as INDEXED_VALUE_TYPE_INT, but the workflows write it as KEYWORD/,
    );
    // Adding without listing (as for the time-skipping server) leaves the existing one as it is.
    await addSearchAttributes(connection, namespace);
    expect((await listed(namespace)).PetitionStatus).toBe(IndexedValueType.INDEXED_VALUE_TYPE_INT);
  });
});
