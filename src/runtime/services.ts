import { createServer, type Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import type { TLSConfig } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createApp } from '../api/app';
import { answerClientError } from '../api/client-errors';
import { expireIdempotencyKeys } from '../db/idempotency';
import { expireRateLimitCounts } from '../db/rate-limit-counts';
import { scheduleRulebookRefresh } from '../db/rulebook-load';
import { NoticeDispatcher } from '../domain/notice-delivery/dispatcher';
import { scheduleReconciler } from '../domain/reconciler';
import { temporalCallTimer } from '../temporal/call-timing';
import { createPetitionWorker } from '../temporal/worker';
import type { SignInSettings } from '../auth/oidc-verifier';
import type { Classification } from '../domain/classification';
import type { TrustProxy } from '../trust-proxy';
import type { NoticeDeliverySettings } from './notice-delivery';

/** How often a process loads the rules data of the store again (a re-plan loads it at once anyway). */
export const RULEBOOK_REFRESH_MS = 60_000;

export interface RunningService {
  stop(): Promise<void>;
}

export interface RunningApi extends RunningService {
  port: number;
}

export async function startApi(options: {
  pool: Pool;
  temporalAddress: string;
  /** TLS (or mTLS) to the frontend; plain when absent (the embedded dev server). */
  temporalTls?: TLSConfig;
  namespace: string;
  taskQueue: string;
  authSecret: string;
  signIn: SignInSettings;
  port: number;
  /** Interface to listen on; all of them when absent. */
  host?: string;
  logger: Logger;
  publicRateLimit?: number;
  /** How long a document nothing references is kept (DOCUMENT_GRACE_HOURS); the reconciler's default when absent. */
  documentGraceHours?: number;
  /** The largest attachment (ATTACHMENT_MAX_BYTES); the app's default when absent. */
  maxAttachmentBytes?: number;
  trustProxy?: TrustProxy;
  metrics?: { token?: string; workerMetricsUrl?: string };
  /** Mail and SMS for the notices (noticeDeliveryFrom); none sent when absent. */
  noticeDelivery?: NoticeDeliverySettings;
  /** The subject matters registrations choose from (CLASSIFICATION_FILE); the built-in file when absent. */
  classification?: Classification;
  /** How often the rules data of the store is loaded again (RULEBOOK_REFRESH_MS default). */
  rulebookRefreshMs?: number;
}): Promise<RunningApi> {
  // Due dates the API shows (explanations, previews) count with the released years and versions too.
  const rulebook = scheduleRulebookRefresh(
    options.pool,
    options.logger,
    options.rulebookRefreshMs ?? RULEBOOK_REFRESH_MS,
  );
  await rulebook.ready;
  const connection = await Connection.connect({ address: options.temporalAddress, tls: options.temporalTls });
  const client = new Client({
    connection,
    namespace: options.namespace,
    interceptors: { workflow: [temporalCallTimer()] },
  });
  // Delivery runs in the API processes, beside the reconciler: they serve /metrics (its figures go there) and
  // its work needs the database only; the workers stay with the workflows. Several processes share the rows.
  const dispatcher =
    options.noticeDelivery &&
    new NoticeDispatcher({ ...options.noticeDelivery, pool: options.pool, logger: options.logger });
  const app = createApp({
    ...options,
    client,
    metrics: { ...options.metrics, registries: dispatcher ? [dispatcher.metrics.registry] : [] },
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(app);
    // What Node refuses before Express sees it answers in the API's error shape too (F11).
    s.on('clientError', answerClientError(options.logger));
    s.on('error', reject);
    if (options.host) s.listen(options.port, options.host, () => resolve(s));
    else s.listen(options.port, () => resolve(s));
  });
  // Forget idempotency keys past their time, now and then (no personal data is kept with them anyway).
  const sweep = setInterval(() => void expireIdempotencyKeys(options.pool).catch(() => undefined), 3_600_000);
  sweep.unref();
  // Rate-limit windows that have passed: the table keeps only the clients of the last few minutes.
  const rateLimitSweep = setInterval(
    () => void expireRateLimitCounts(options.pool).catch(() => undefined),
    600_000,
  );
  rateLimitSweep.unref();
  // Registrations a crash cut off between the row and the workflow: finished or removed; documents of
  // commands that never applied: removed after their grace period (see reconciler).
  const stopReconciler = scheduleReconciler(
    { pool: options.pool, client, taskQueue: options.taskQueue },
    options.logger,
    { documentGraceHours: options.documentGraceHours },
  );
  dispatcher?.start(options.noticeDelivery!.intervalMs);
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    stop: async () => {
      clearInterval(sweep);
      clearInterval(rateLimitSweep);
      rulebook.stop();
      stopReconciler();
      await dispatcher?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
    },
  };
}

export async function startWorker(options: {
  pool: Pool;
  temporalAddress: string;
  temporalTls?: TLSConfig;
  namespace: string;
  taskQueue: string;
  workflowBundlePath?: string;
  /** Workflows kept in the worker's cache (WORKER_MAX_CACHED_WORKFLOWS). */
  maxCachedWorkflows?: number;
  logger: Logger;
  /** Called when the worker stops by itself with an error (it then polls nothing). */
  onFatalError?: (err: unknown) => void;
  /** How often the rules data of the store is loaded again (RULEBOOK_REFRESH_MS default). */
  rulebookRefreshMs?: number;
}): Promise<RunningService> {
  // Activities count with the released years and versions: loaded before the first task, then kept fresh.
  const rulebook = scheduleRulebookRefresh(
    options.pool,
    options.logger,
    options.rulebookRefreshMs ?? RULEBOOK_REFRESH_MS,
  );
  await rulebook.ready;
  const worker = await createPetitionWorker({
    address: options.temporalAddress,
    tls: options.temporalTls,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    pool: options.pool,
    workflowBundlePath: options.workflowBundlePath,
    maxCachedWorkflows: options.maxCachedWorkflows,
  });
  const running = worker.run();
  running.catch((err: unknown) => {
    options.logger.error({ err }, 'worker stopped with an error');
    options.onFatalError?.(err);
  });
  return {
    stop: async () => {
      rulebook.stop();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
    },
  };
}
