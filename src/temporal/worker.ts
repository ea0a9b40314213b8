import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { TLSConfig } from '@temporalio/client';
import type { Pool } from 'pg';
import { createActivities } from '../activities';
import { createBacklogActivities } from '../activities/backlog';

export interface WorkerSettings {
  address: string;
  /** TLS (or mTLS) to the frontend; plain when absent (the embedded dev server). */
  tls?: TLSConfig;
  namespace: string;
  taskQueue: string;
  pool: Pool;
  /** A prebuilt workflow bundle (tests build it once per run); otherwise the sources are bundled. */
  workflowBundlePath?: string;
  connection?: NativeConnection;
  /** Workflows kept in the worker's cache (WORKER_MAX_CACHED_WORKFLOWS); the SDK's default when absent. */
  maxCachedWorkflows?: number;
}

export async function createPetitionWorker(settings: WorkerSettings): Promise<Worker> {
  const connection =
    settings.connection ?? (await NativeConnection.connect({ address: settings.address, tls: settings.tls }));
  const workflowSource: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'> = settings.workflowBundlePath
    ? { workflowBundle: { codePath: settings.workflowBundlePath } }
    : { workflowsPath: require.resolve('../workflows') };
  return Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    ...workflowSource,
    activities: { ...createActivities(settings.pool), ...createBacklogActivities(settings.pool) },
    ...(settings.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: settings.maxCachedWorkflows } : {}),
  });
}
