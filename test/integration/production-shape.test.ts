import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { testToken } from '../support/sign-in';
import { petitionWorkflowId } from '../../src/workflows/messages';
import { testEnv, validRegistration } from '../support/harness';

/**
 * Through the production shape's own processes (`dev-services --production`): two `petitionflow api`
 * processes and two `petitionflow worker` processes on temporal-server with PostgreSQL persistence and
 * SQL visibility. Runs with `npm run test:production-shape`; skipped in the ordinary run, which has no
 * such processes.
 */
const apiUrls = process.env.TEST_PRODUCTION_API_URLS?.split(' ') ?? [];
const describeShape = apiUrls.length ? describe : describe.skip;

async function call(
  baseUrl: string,
  login: string,
  method: string,
  path: string,
  body?: unknown,
  key?: string,
) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${await testToken(login)}`,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describeShape('the production shape: two APIs and two workers on temporal-server with PostgreSQL', () => {
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
    client = new Client({ connection });
  });

  afterAll(async () => {
    await connection?.close();
  });

  it('runs two distinct API processes and two polling workers', async () => {
    expect(apiUrls).toHaveLength(2);
    expect(new Set(apiUrls).size).toBe(2);
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: 'petitions' },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    expect(new Set(pollers?.map((poller) => poller.identity)).size).toBe(2);
  });

  it('registers on API #1, acts on API #2, reads the same case on both, and finds it in SQL visibility', async () => {
    const [first, second] = apiUrls as [string, string];
    const registered = await call(first, 'registrar', 'POST', '/api/petitions', validRegistration());
    expect(registered.status).toBe(201);
    const id: string = registered.body.id;

    const routed = await call(second, 'registrar', 'POST', `/api/petitions/${id}/route`, {
      unitId: 'qingshan-housing',
    });
    expect(routed.status).toBe(200);
    expect(routed.body.status).toBe('transferred');
    const accepted = await call(second, 'handler', 'POST', `/api/petitions/${id}/acknowledge`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');

    const reads = await Promise.all(
      apiUrls.map((url) => call(url, 'registrar', 'GET', `/api/petitions/${id}`)),
    );
    for (const read of reads) {
      expect(read.status).toBe(200);
      expect(read.body.status).toBe('accepted');
      expect(read.body.handlingUnitId).toBe('qingshan-housing');
    }
    expect(reads[0]!.body.timeline).toEqual(reads[1]!.body.timeline);

    // The custom search attributes, written by whichever worker ran the task, in PostgreSQL visibility.
    const query =
      `WorkflowId = '${petitionWorkflowId(id)}' AND PetitionStatus = 'accepted' AND ` +
      `HandlingUnit = 'qingshan-housing' AND Overdue = false AND NextDeadlineKey = 'handle'`;
    await expect(countUntilFound(client, query)).resolves.toBe(1);
  });

  it('answers a retried registration sent to the other API as the first one was answered', async () => {
    const [first, second] = apiUrls as [string, string];
    const key = `production-shape-${randomUUID()}`;
    const once = await call(first, 'registrar', 'POST', '/api/petitions', validRegistration(), key);
    const again = await call(second, 'registrar', 'POST', '/api/petitions', validRegistration(), key);
    expect(once.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(once.body.id);
  });
});

/** Visibility is eventually consistent: counts until the query finds something, for up to 10 s. */
async function countUntilFound(client: Client, query: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { count } = await client.workflow.count(query);
    if (count > 0 || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
