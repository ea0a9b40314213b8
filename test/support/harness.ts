import { Client, Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { SignInSettings } from '../../src/auth/oidc-verifier';
import type { Classification } from '../../src/domain/classification';
import { createPool } from '../../src/db/pool';
import { asRuntimeRole } from '../../src/db/roles';
import { toShanghaiDate } from '../../src/rules';
import { createLogger } from '../../src/runtime/logger';
import type { NoticeDeliverySettings } from '../../src/runtime/notice-delivery';
import { startApi, startWorker } from '../../src/runtime/services';
import type { TrustProxy } from '../../src/trust-proxy';
import { testSignIn, testToken } from './sign-in';

export const TEST_AUTH_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export function testEnv(
  name: 'TEST_DATABASE_URL' | 'TEST_TEMPORAL_ADDRESS' | 'TEST_WORKFLOW_BUNDLE',
): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration tests through jest (global setup)`);
  return value;
}

export interface TestApp {
  baseUrl: string;
  pool: Pool;
  client: Client;
  taskQueue: string;
  request(
    login: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

/**
 * The real app on a free port, with a real worker, against the run's Temporal and PostgreSQL (or another
 * Temporal server, such as a time-skipping one).
 */
export async function startTestApp(
  taskQueue: string,
  options: {
    publicRateLimit?: number;
    /** TRUST_PROXY, as the API takes it. */
    trustProxy?: TrustProxy;
    temporalAddress?: string;
    metricsToken?: string;
    logger?: Logger;
    /** Another OpenID provider (or other settings) than the run's embedded one. */
    signIn?: Partial<SignInSettings>;
    /** Mail and SMS for the notices, as the API process runs them; none when absent. */
    noticeDelivery?: NoticeDeliverySettings;
    /** The subject matters (CLASSIFICATION_FILE); the built-in file when absent. */
    classification?: Classification;
    /** The largest attachment (ATTACHMENT_MAX_BYTES); the app's default when absent. */
    maxAttachmentBytes?: number;
  } = {},
): Promise<TestApp> {
  const logger = options.logger ?? createLogger((process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent');
  // The app acts as the runtime role, as in production: the grants are exercised by every test.
  const pool = createPool(asRuntimeRole(testEnv('TEST_DATABASE_URL')));
  const temporalAddress = options.temporalAddress ?? testEnv('TEST_TEMPORAL_ADDRESS');
  const common = { pool, temporalAddress, namespace: 'default', taskQueue, logger };
  const worker = await startWorker({ ...common, workflowBundlePath: testEnv('TEST_WORKFLOW_BUNDLE') });
  const api = await startApi({
    ...common,
    authSecret: TEST_AUTH_SECRET,
    signIn: testSignIn(options.signIn),
    port: 0,
    publicRateLimit: options.publicRateLimit ?? 1000,
    trustProxy: options.trustProxy,
    metrics: { token: options.metricsToken },
    noticeDelivery: options.noticeDelivery,
    classification: options.classification,
    maxAttachmentBytes: options.maxAttachmentBytes,
  });
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const baseUrl = `http://127.0.0.1:${api.port}`;
  const tokens = new Map<string, string>();

  return {
    baseUrl,
    pool,
    client,
    taskQueue,
    async request(login, method, path, body, headers = {}) {
      const allHeaders: Record<string, string> = { ...headers };
      if (login) {
        // Signed with the run's provider key and checked through its JWKS, like any access token.
        if (!tokens.has(login)) tokens.set(login, await testToken(login));
        allHeaders.authorization = `Bearer ${tokens.get(login)}`;
      }
      if (body !== undefined) allHeaders['content-type'] = 'application/json';
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: allHeaders,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        headers: response.headers,
      };
    },
    async stop() {
      await api.stop();
      await worker.stop();
      await connection.close();
      await pool.end();
    },
  };
}

/**
 * How many days ago a petition must have been received for its D1 (route, 15 d) to be more than 15 d overdue,
 * so that its supervision notice and its escalation come at once, on every date: D1 due reaches 24 days
 * after receipt when the 15th day falls before a Spring Festival week (received 2026-01-31, due 2026-02-24),
 * and the escalation comes at 00:00 16 days after that; a margin for the unknown holidays of later years.
 */
export const LONG_AGO_DAYS = 50;

/** Today's date in Asia/Shanghai, as the API computes it. */
export function shanghaiToday(): string {
  return toShanghaiDate(new Date());
}

export const validRegistration = (receivedOn = shanghaiToday()) => ({
  channel: 'letter',
  category: 'complaint',
  domain: 'urban-construction.property-management',
  subject: '小区电梯长期停运',
  description: '3号楼电梯自8月起停运，多次反映未果。',
  petitioner: { name: '李四', phone: '13900000000' },
  receivedOn,
});
