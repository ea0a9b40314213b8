import http from 'node:http';
import { addDays, toShanghaiDate } from '../../src/rules/dates';
import { petitionWorkflowId } from '../../src/workflows/messages';
import type { Lifecycle } from './load';

/** A step after the registration: who sends it, and where. */
interface Step {
  name: string;
  login: string;
  path: string;
  body: unknown;
}

/**
 * The happy path through the API, as the fault tests run it (test/faults/lifecycle.ts) and the README
 * shows it: register → route (转送) → acknowledge (受理告知) → request an extension → the unit head
 * approves it → reply (书面答复). Six requests, six Updates (the first sent with the workflow's start).
 */
const STEPS: Step[] = [
  { name: 'route', login: 'registrar', path: 'route', body: { unitId: 'qingshan-housing' } },
  { name: 'accept', login: 'handler', path: 'accept', body: { procedure: 'normal' } },
  { name: 'extension', login: 'handler', path: 'extensions', body: { days: 10, reason: '需要鉴定。' } },
  { name: 'approve', login: 'unit-head', path: 'extensions/ext-1/approve', body: {} },
  { name: 'reply', login: 'handler', path: 'reply', body: { outcome: 'supported', opinion: '已处理。' } },
];

/** The step names in order, the registration first: the bare lifecycle takes as many Updates. */
export const LIFECYCLE_STEPS = ['register', ...STEPS.map((s) => s.name)];

export interface PetitionClient {
  /** Registers a petition received on `receivedOn`; resolves with its id. */
  register(receivedOn: string, subject: string): Promise<string>;
  post(login: string, path: string, body: unknown): Promise<void>;
}

/** Staff calling the API with bearer tokens minted for the demo users, as `petitionflow token` does. */
export async function petitionClient(
  apiUrl: string,
  mint: (login: string) => Promise<string>,
): Promise<PetitionClient> {
  const logins = ['registrar', 'handler', 'unit-head'];
  const tokens = new Map(await Promise.all(logins.map(async (l) => [l, await mint(l)] as const)));
  // node:http with a keep-alive agent, not fetch: on two cores the client's own CPU is taken from the
  // system it measures, and fetch's streams cost about twice as much per request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const origin = new URL(apiUrl);
  function send(login: string, path: string, body: unknown, expected: number): Promise<unknown> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent,
          host: origin.hostname,
          port: origin.port,
          path,
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens.get(login)}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== expected) {
              reject(new Error(`POST ${path} as ${login}: ${response.statusCode} ${text.slice(0, 300)}`));
              return;
            }
            try {
              resolve(JSON.parse(text));
            } catch (err) {
              reject(err);
            }
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }
  return {
    async register(receivedOn, subject) {
      const answer = await send('registrar', '/api/petitions', registration(receivedOn, subject), 201);
      return (answer as { id: string }).id;
    },
    async post(login, path, body) {
      await send(login, path, body, 200);
    },
  };
}

function registration(receivedOn: string, subject: string) {
  return {
    channel: 'letter',
    category: 'complaint',
    domain: 'urban-construction.property-management',
    subject,
    description: '3号楼电梯自8月起停运，多次反映未果。',
    petitioner: { name: '李四', phone: '13900000000' },
    receivedOn,
  };
}

export const todayInShanghai = () => toShanghaiDate(new Date());
/** Received this long ago, a petition's first deadline (D1, 15 days) is overdue by more than 15 days. */
export const longAgo = () => addDays(todayInShanghai(), -40);

/** petitionflow's lifecycle: each step one HTTP request, timed from the client's side. */
export function petitionLifecycle(client: PetitionClient, run: string): Lifecycle {
  return {
    async run(index, record) {
      let started = performance.now();
      const id = await client.register(todayInShanghai(), `bench ${run} ${index}`);
      record('register', performance.now() - started);
      for (const step of STEPS) {
        started = performance.now();
        await client.post(step.login, `/api/petitions/${id}/${step.path}`, step.body);
        record(step.name, performance.now() - started);
      }
      return petitionWorkflowId(id);
    },
  };
}
